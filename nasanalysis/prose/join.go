package prose

import (
	"strconv"
	"strings"
)

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

// Ordinal is n as an English ordinal: "1st", "2nd", "3rd", "4th", "11th", "12th",
// "13th", "21st", "111th".
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
