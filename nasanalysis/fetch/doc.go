// Package fetch gets the public releases this project studies from their publishers
// and converts them into the tables package data reads. RawFiles lists them (NATS-Bench's
// accuracy table, OneProxy's cell encodings and its 18 devices' latency pickles) in the
// layout of ../shared/datasets/raw; Download fetches those missing from a raw directory,
// never overwriting a file and writing through a ".part" file, so an interrupted run
// resumes cleanly; ConvertNB201 decodes them (package pyfile) into
// nb201/{accuracy,latency,devices}.csv, checking every cell string and latency it
// writes.
package fetch
