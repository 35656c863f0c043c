# Writes the pickles in pickles/ and the state dicts modern.pth and modern_deflated.pth
# with Python's own pickle and zipfile modules, numpy's and torch's classes stood in for
# by modules of the same names (neither is needed): run it from this directory with any
# Python 3. The Go tests read these files, and the fuzz corpora in fuzz/ start from them.
import pickle, pickletools, collections, zipfile, io, struct, sys, types

# numpy's two classes, stood in for by modules of the same names
np = types.ModuleType('numpy'); core = types.ModuleType('numpy.core'); ma = types.ModuleType('numpy.core.multiarray')
class dtype:
    def __init__(self, code, align=False, copy=True): self.code = code; self.order = '<'
    def __reduce__(self): return (dtype, (self.code, False, True), (3, self.order, None, None, None, -1, -1, 0))
    def __setstate__(self, st): self.order = st[1]
dtype.__module__ = 'numpy'; np.dtype = dtype
def scalar(dt, b): return ('scalar', dt.code, b)
scalar.__module__ = 'numpy.core.multiarray'; ma.scalar = scalar
sys.modules.update({'numpy': np, 'numpy.core': core, 'numpy.core.multiarray': ma})
class F64:
    def __init__(self, x, order='<'): self.x = x; self.order = order
    def __reduce__(self):
        d = dtype('f8'); d.order = self.order
        return (scalar, (d, struct.pack(self.order + 'd', self.x)))
class F32:
    def __init__(self, x): self.x = x
    def __reduce__(self): return (scalar, (dtype('f4'), struct.pack('<f', self.x)))

def w(name, data): open('pickles/' + name, 'wb').write(data)
w('numpy_p4.pkl', pickle.dumps([F64(6.126977205276489), F64(-1.5), F32(0.25), F64(2.5, '>')], protocol=4))
w('numpy_p2.pkl', pickle.dumps([F64(1.0), F64(3.25)], protocol=2))  # bytes via _codecs.encode
w('floats_p4.pkl', pickle.dumps([15.2742, 10.7663, 6.98873, 2, -3], protocol=4))
w('matrix_p4.pkl', pickle.dumps([[1, 0, 1], [0, 1, 0]], protocol=4))
w('mixed_p0.pkl', pickle.dumps([1, -7, 2.5, 'a\n', 'é€', (1, 2), {'k': None, 3: [True, False]}, 2**70, -2**65, b'\x00\xff'], protocol=0))
w('mixed_p2.pkl', pickle.dumps({'a': [1, -1, 300, 70000, 2**40, -2**63, 2**100], ('t', 1): (1.5, None, True, False), 'u': 'ünïcode', 'l': list(range(5))}, protocol=2))
w('mixed_p5.pkl', pickle.dumps({'ba': bytearray(b'abc'), 'b': b'x' * 300, 's': 's' * 300, 'f': float('inf'), 't3': (1, 2, 3), 't0': ()}, protocol=5))
l = []; l.append(l); l.append(l)
w('self_list_p2.pkl', pickle.dumps(l, protocol=2))
shared = [1.5]
w('shared_p3.pkl', pickle.dumps([shared, shared, (shared,)], protocol=3))
w('py2_string_p0.pkl', b"(lp0\nS'abc\\n\\x00\\''\np1\naS\"q\"\nag1\na.")
w('py2_binstring_p2.pkl', b"\x80\x02]q\x00(U\x03abcq\x01T\x02\x00\x00\x00xyh\x01e.")
w('evil_global.pkl', b"\x80\x02cos\nsystem\n)R.")
w('list_p2_hand.pkl', b"\x80\x02]q\x00(G\x3f\xf8\x00\x00\x00\x00\x00\x00K\x02G\xbf\xd0\x00\x00\x00\x00\x00\x00e.")

# torch's classes, stood in for likewise, for state dict pickles and files
torch = types.ModuleType('torch'); utils = types.ModuleType('torch._utils')
class FloatStorage: pass
class DoubleStorage: pass
for c in (FloatStorage, DoubleStorage): c.__module__ = 'torch'; setattr(torch, c.__name__, c)
def _rebuild_tensor_v2(*a): return a
def _rebuild_parameter(*a): return a
for fn in (_rebuild_tensor_v2, _rebuild_parameter): fn.__module__ = 'torch._utils'; setattr(utils, fn.__name__, fn)
torch._utils = utils
sys.modules.update({'torch': torch, 'torch._utils': utils})

class Storage:
    def __init__(self, key, cls, fmt, values): self.key, self.cls, self.fmt, self.values = key, cls, fmt, values
    def raw(self): return struct.pack('<%d%s' % (len(self.values), self.fmt), *self.values)
class Tensor:
    def __init__(self, st, off, size, stride): self.st, self.off, self.size, self.stride = st, off, size, stride
    def __reduce__(self): return (_rebuild_tensor_v2, (self.st, self.off, self.size, self.stride, False, collections.OrderedDict()))
class Param:
    def __init__(self, t): self.t = t
    def __reduce__(self): return (_rebuild_parameter, (self.t, True, collections.OrderedDict()))

def zip_pth(sd, storages, compress=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    class P(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, Storage): return ('storage', obj.cls, obj.key, 'cpu', len(obj.values))
            return None
    pk = io.BytesIO(); P(pk, protocol=2).dump(sd)
    def put(z, name, data):  # a fixed time, so that the files do not change
        z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, compress)
    with zipfile.ZipFile(buf, 'w') as z:
        put(z, 'archive/data.pkl', pk.getvalue())
        put(z, 'archive/byteorder', 'little')
        for s in storages: put(z, 'archive/data/' + s.key, s.raw())
        put(z, 'archive/version', '3\n')
    return buf.getvalue(), pk.getvalue()

# A modern state dict: an OrderedDict with _metadata (set by BUILD), a 3-d tensor, a
# view at an offset into a shared storage, a 0-d tensor, an empty one, a parameter and
# a float64 one.
a = Storage('0', FloatStorage, 'f', [float(i) for i in range(24)])
b = Storage('1', FloatStorage, 'f', [0.5])
c = Storage('2', DoubleStorage, 'd', [1.0, 2.0])
e = Storage('3', FloatStorage, 'f', [])
sd = collections.OrderedDict()
sd['conv.weight'] = Tensor(a, 0, (2, 3, 4), (12, 4, 1))
sd['view'] = Tensor(a, 12, (3, 4), (4, 1))
sd['transposed'] = Tensor(a, 0, (4, 3), (1, 4))
sd['scalar'] = Tensor(b, 0, (), ())
sd['double'] = Tensor(c, 0, (2,), (1,))
sd['empty'] = Tensor(e, 0, (0, 5), (5, 1))
sd['param'] = Param(Tensor(b, 0, (1,), (1,)))
sd._metadata = collections.OrderedDict([('', {'version': 1}), ('conv', {'version': 2})])
z, pk = zip_pth(sd, [a, b, c, e])
open('modern.pth', 'wb').write(z)
w('statedict_p2.pkl', pk)
z, _ = zip_pth(sd, [a, b, c, e], zipfile.ZIP_DEFLATED)
open('modern_deflated.pth', 'wb').write(z)
