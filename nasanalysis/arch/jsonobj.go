package arch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// decodeObject reads s as exactly one JSON object whose keys are among those of fields,
// each spelt exactly and given at most once, and decodes each value into its field's
// target. encoding/json alone would match "KS" to "ks", keep the last of two "r" and
// ignore text after the object: lines that differ would then denote the same
// architecture, and a line with a typo would read as another architecture.
func decodeObject(s string, fields map[string]any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("want a JSON object {...}, got %v", tok)
	}
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string) // the decoder returns object keys as strings
		target, ok := fields[key]
		if !ok {
			return fmt.Errorf("unknown field %q (fields: %s)", key, strings.Join(slices.Sorted(maps.Keys(fields)), ", "))
		}
		if seen[key] {
			return fmt.Errorf("field %q given twice", key)
		}
		seen[key] = true
		if err := dec.Decode(target); err != nil {
			return fmt.Errorf("field %q: %w", key, err)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("text after the JSON object")
	}
	return nil
}

// jsonResolution is the "r" of OFA's dictionary form: a number, as this project writes
// it, or a list of one number, as OFA writes it ("r": [224] in its evolution finder's
// and accuracy predictor's dictionaries).
type jsonResolution int

func (r *jsonResolution) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		*r = jsonResolution(n)
		return nil
	}
	var list []int
	if err := json.Unmarshal(b, &list); err == nil {
		if len(list) != 1 {
			return fmt.Errorf("%s holds %d resolutions, want one (OFA's list form, e.g. [224])", b, len(list))
		}
		*r = jsonResolution(list[0])
		return nil
	}
	return fmt.Errorf("%s is not a resolution: want a whole number of px, e.g. 224, or a list of one, e.g. [224]", b)
}
