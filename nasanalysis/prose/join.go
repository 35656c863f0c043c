package prose

import "strings"

// JoinAnd joins phrases as English prose: "a", "a and b", "a, b and c"; "" for none.
func JoinAnd(phrases []string) string {
	switch len(phrases) {
	case 0:
		return ""
	case 1:
		return phrases[0]
	}
	return strings.Join(phrases[:len(phrases)-1], ", ") + " and " + phrases[len(phrases)-1]
}
