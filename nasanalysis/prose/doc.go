// Package prose formats numbers for the sentences and tables the studies write, under
// one precision rule (three significant digits; see Num), and joins phrases into
// sentences. It is a tool package: the studies build their findings with it without
// importing the display package nb, which shows them.
package prose
