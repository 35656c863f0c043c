#!/usr/bin/env bash
# Installs what the notebooks need and is missing, and nothing else: ONNX Runtime's
# library (the measurement engine), Debian's Jupyter (nbconvert, nbclient, ipykernel),
# the GoNB kernel at the version go.mod pins, and the goimports and gopls it drives. A
# second run finds everything and installs nothing.
#
#   scripts/setup.sh            everything
#   scripts/setup.sh --measure  only what measuring needs (a cluster node): the engine
#                               library and the Go modules, no Jupyter
set -euo pipefail
cd "$(dirname "$0")/.."
measure_only=false
case "${1:-}" in
--measure) measure_only=true ;;
"") ;;
*) echo "usage: scripts/setup.sh [--measure]" >&2; exit 2 ;;
esac

GOPLS_VERSION=v0.23.0      # v0.24 needs Go 1.27
GOIMPORTS_VERSION=v0.52.0  # golang.org/x/tools
GOBIN="$(go env GOBIN)"; GOBIN="${GOBIN:-$(go env GOPATH)/bin}"
export PATH="$GOBIN:$PATH"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. ONNX Runtime's official Linux x64 library (the measurement engine), from the npm
#    package onnxruntime-node. `npm pack` only downloads the tarball; `npm install`
#    would run its install script, which fetches more and fails offline. The checksum
#    pins the exact library every measurement's provenance names.
ORT_VERSION=1.30.0
ORT_SHA256=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23
ort_lib="${NASANALYSIS_ORT_LIB:-${XDG_CACHE_HOME:-$HOME/.cache}/nasanalysis/onnxruntime/$ORT_VERSION/libonnxruntime.so.1}"
if [ -f "$ort_lib" ] && echo "$ORT_SHA256  $ort_lib" | sha256sum -c --status; then
  echo "setup: ONNX Runtime $ORT_VERSION present ($ort_lib)"
else
  echo "setup: installing ONNX Runtime $ORT_VERSION into $ort_lib (npm pack onnxruntime-node@$ORT_VERSION)"
  command -v npm >/dev/null || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null)
  tar -xzf "$tmp"/onnxruntime-node-$ORT_VERSION.tgz -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
  if ! echo "$ORT_SHA256  $tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | sha256sum -c --status; then
    echo "setup: libonnxruntime.so.1 from onnxruntime-node@$ORT_VERSION does not have sha256 $ORT_SHA256" >&2
    rm -rf "$tmp"; exit 1
  fi
  mkdir -p "$(dirname "$ort_lib")"
  mv "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$ort_lib"
  rm -rf "$tmp"
fi

if $measure_only; then
  # Every module the tool builds with, so a node whose module cache is filled here can
  # build offline.
  echo "setup: downloading the Go modules (go mod download)"
  go mod download
  exit 0
fi

# 2. Jupyter from Debian (the system python3, not a pyenv one).
if ! [ -x /usr/bin/jupyter ] || ! /usr/bin/python3 -c 'import nbconvert, nbclient, ipykernel, jupyter_client' 2>/dev/null; then
  echo "setup: installing Debian Jupyter packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel >/dev/null
else
  echo "setup: Jupyter present ($(/usr/bin/jupyter nbconvert --version 2>/dev/null | tail -1))"
fi

# 3. GoNB at the version go.mod pins (installed from inside the module: the proxy
#    refuses 'go install ...@v0.11.4' because it will not list gonb's versions).
want_gonb=$(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb)
# (gonb -V prints a stale version string, so read the module version from the binary.)
modversion() { { go version -m "$1" 2>/dev/null || true; } | awk -v m="$2" '$1=="mod" && $2==m {print $3}'; }
have_gonb=$(modversion "$GOBIN/gonb" github.com/janpfeifer/gonb)
if [ "$have_gonb" != "$want_gonb" ]; then
  echo "setup: installing gonb $want_gonb (found '${have_gonb:-none}')"
  go install github.com/janpfeifer/gonb
else
  echo "setup: gonb $have_gonb present"
fi
if [ "$(modversion "$GOBIN/gopls" golang.org/x/tools/gopls)" != "$GOPLS_VERSION" ]; then
  echo "setup: installing gopls $GOPLS_VERSION"
  go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
fi
if [ "$(modversion "$GOBIN/goimports" golang.org/x/tools)" != "$GOIMPORTS_VERSION" ]; then
  echo "setup: installing goimports $GOIMPORTS_VERSION"
  go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION"
fi

# 4. The Jupyter kernel spec, running this gonb. `gonb --install` writes kernel.json with
#    argv[0] = the gonb binary, except when that binary lies under /tmp, /var/folders or
#    the user cache directory (GOBIN or GOPATH there): then it copies the binary into the
#    kernel's folder and names the copy. So the check is not "kernel.json names
#    $GOBIN/gonb" but "the binary kernel.json names exists and is this gonb" (same file,
#    or a byte-identical copy): it holds wherever Go installs binaries, and a second run
#    registers nothing.
kernel_gonb() {  # argv[0] of the registered gonb kernel, if any
  local spec
  spec=$(PYDEVD_DISABLE_FILE_VALIDATION=1 /usr/bin/jupyter kernelspec list 2>/dev/null | awk '$1=="gonb"{print $2}')
  [ -n "$spec" ] && [ -f "$spec/kernel.json" ] || return 0
  /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["argv"][0])' "$spec/kernel.json" 2>/dev/null || true
}
kernel_ok() {
  local k
  k=$(kernel_gonb)
  [ -n "$k" ] && [ -x "$k" ] && { [ "$k" -ef "$GOBIN/gonb" ] || cmp -s "$k" "$GOBIN/gonb"; }
}
if kernel_ok; then
  echo "setup: gonb kernel registered ($(kernel_gonb), gonb $(modversion "$(kernel_gonb)" github.com/janpfeifer/gonb))"
else
  echo "setup: registering the gonb Jupyter kernel (found '$(kernel_gonb)')"
  "$GOBIN/gonb" --install --logtostderr=false >/dev/null 2>&1 || "$GOBIN/gonb" --install
  if ! kernel_ok; then
    echo "setup: after gonb --install, the gonb kernel runs '$(kernel_gonb)', not $GOBIN/gonb ($want_gonb)" >&2
    exit 1
  fi
fi

