// Package fetch gets the public releases this project studies from their publishers
// (Download) and converts them into the tables package data reads (ConvertNB201):
// NATS-Bench's accuracy table and OneProxy's pickled latencies become
// nb201/{accuracy,latency,devices}.csv. Download never overwrites a file and resumes
// cleanly; conversion checks every cell string and latency it writes.
package fetch
