// Package k8s_test checks the Kubernetes recipe as far as it can be checked without a
// cluster: the manifests decode strictly into the API types Kubernetes would decode
// them into, they say what a campaign needs (Indexed mode, a pinned image that a
// locally loaded copy satisfies, one node type, a volume several nodes can write), and
// the pods' own shell commands, run here for every completion index and then the merge
// Job's, give a complete merged dataset. It is its own module so that the main one
// never compiles the Kubernetes API.
package k8s_test

import (
	"encoding/csv"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// decode reads a manifest into T, refusing any field T does not have.
func decode[T any](t *testing.T, file string) *T {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := yaml.UnmarshalStrict(raw, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &v
}

// manifests are the recipe's objects.
type manifests struct {
	measure, merge *batchv1.Job
	pvc            *corev1.PersistentVolumeClaim
	copy           *corev1.Pod
}

func load(t *testing.T) manifests {
	return manifests{decode[batchv1.Job](t, "measure-job.yaml"), decode[batchv1.Job](t, "merge-job.yaml"),
		decode[corev1.PersistentVolumeClaim](t, "pvc.yaml"), decode[corev1.Pod](t, "copy-pod.yaml")}
}

// env is a container's environment as a map.
func env(c corev1.Container) map[string]string {
	m := map[string]string{}
	for _, e := range c.Env {
		m[e.Name] = e.Value
	}
	return m
}

func TestManifests(t *testing.T) {
	m := load(t)
	j := m.measure.Spec
	if j.CompletionMode == nil || *j.CompletionMode != batchv1.IndexedCompletion {
		t.Errorf("measure Job: completionMode %v, want Indexed (the completion index is the shard)", j.CompletionMode)
	}
	if j.Completions == nil || j.Parallelism == nil || *j.Parallelism > *j.Completions {
		t.Fatalf("measure Job: completions %v, parallelism %v", j.Completions, j.Parallelism)
	}
	measure := j.Template.Spec.Containers[0]
	if got := env(measure)["TASKS"]; got != strconv.Itoa(int(*j.Completions)) {
		t.Errorf("measure Job: TASKS=%s but %d completions: shards would be missed or run twice", got, *j.Completions)
	}
	pod := map[string]corev1.PodSpec{"measure Job": j.Template.Spec, "merge Job": m.merge.Spec.Template.Spec, "copy Pod": m.copy.Spec}
	var images []string
	for name, p := range pod {
		c := p.Containers[0]
		images = append(images, c.Image)
		repo, tag, ok := strings.Cut(c.Image, ":")
		if !ok || tag == "" || tag == "latest" || strings.Contains(tag, "/") || repo == "" {
			t.Errorf("%s: image %q: want a pinned tag (not :latest, which the kubelet always pulls)", name, c.Image)
		}
		if c.ImagePullPolicy != corev1.PullIfNotPresent {
			t.Errorf("%s: imagePullPolicy %q, want IfNotPresent (an image loaded on the nodes is used as is)", name, c.ImagePullPolicy)
		}
		if len(p.NodeSelector) == 0 {
			t.Errorf("%s: no nodeSelector: pods would land on nodes of different speeds", name)
		}
		if !slices.Equal([]string{p.NodeSelector["nasanalysis.org/node-type"]}, []string{"measure"}) {
			t.Errorf("%s: nodeSelector %v, want the README's label nasanalysis.org/node-type=measure", name, p.NodeSelector)
		}
		if p.SecurityContext == nil || p.SecurityContext.RunAsNonRoot == nil || !*p.SecurityContext.RunAsNonRoot {
			t.Errorf("%s: not run as non-root", name)
		}
		if len(p.Volumes) != 1 || p.Volumes[0].PersistentVolumeClaim == nil || p.Volumes[0].PersistentVolumeClaim.ClaimName != m.pvc.Name {
			t.Errorf("%s: volumes %+v, want the claim %s", name, p.Volumes, m.pvc.Name)
		}
	}
	if slices.Sort(images); images[0] != images[len(images)-1] {
		t.Errorf("images %v: the Jobs run one image", images)
	}
	if !slices.Contains(m.pvc.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Errorf("volume claim: access modes %v, want ReadWriteMany (pods on several nodes write at once)", m.pvc.Spec.AccessModes)
	}
	if got, want := env(m.merge.Spec.Template.Spec.Containers[0]), env(measure); !maps.Equal(got, want) {
		t.Errorf("merge Job env %v, measure Job env %v: they must name one campaign", got, want)
	}
}

// script is a container's shell script (command /bin/sh -c, the script its one arg).
func script(t *testing.T, c corev1.Container) string {
	t.Helper()
	if !slices.Equal(c.Command, []string{"/bin/sh", "-c"}) || len(c.Args) != 1 {
		t.Fatalf("container %s: command %q args %q, want /bin/sh -c SCRIPT", c.Name, c.Command, c.Args)
	}
	return c.Args[0]
}

// The pods' commands, run here: every completion index of the measure Job, then the
// merge Job, on a small sample (the manifests' env with N=6, TASKS=2, RES=128) and with
// the volume a temporary folder; the merged file holds the whole sample in order.
func TestPodCommandsRunLocally(t *testing.T) {
	if os.Getenv("NASANALYSIS_ORT_LIB") == "" {
		home, _ := os.UserCacheDir()
		if _, err := os.Stat(filepath.Join(home, "nasanalysis", "onnxruntime", "1.30.0", "libonnxruntime.so.1")); err != nil {
			if os.Getenv("NASANALYSIS_REQUIRE_ORT") == "1" {
				t.Fatalf("ONNX Runtime's library is missing (make setup): %v", err)
			}
			t.Skip("ONNX Runtime's library is missing: run make setup")
		}
	}
	m := load(t)
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "nasanalysis"), "./cmd/nasanalysis")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	volume := t.TempDir()
	run := func(c corev1.Container, index int) {
		e := env(c)
		e["N"], e["TASKS"], e["RES"] = "6", "2", "128"
		sh := strings.ReplaceAll(script(t, c), "/results", volume)
		cmd := exec.Command("/bin/sh", "-c", sh)
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "JOB_COMPLETION_INDEX="+strconv.Itoa(index))
		for k, v := range e {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s, index %d: %v\n%s", c.Name, index, err, out)
		}
	}
	// The two indices at once, as the Job's pods run.
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() { run(m.measure.Spec.Template.Spec.Containers[0], i) })
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	run(m.merge.Spec.Template.Spec.Containers[0], 0)
	e := env(m.measure.Spec.Template.Spec.Containers[0])
	merged := filepath.Join(volume, e["SPACE"]+"-w"+e["WIDTH"]+"-n6-seed"+e["SEED"]+"-r128", "merged.csv")
	f, err := os.Open(merged)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "sample_index")
	if len(rows) != 7 || col < 0 {
		t.Fatalf("%s: %d rows, sample_index column %d; want 6 networks", merged, len(rows)-1, col)
	}
	for i, r := range rows[1:] {
		if r[col] != strconv.Itoa(i) {
			t.Errorf("%s row %d: sample_index %s: not the whole sample in order", merged, i+1, r[col])
		}
	}
}
