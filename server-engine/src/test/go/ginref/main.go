// Command ginref prints the reference table that GinLogFormatReferenceTest compares the Java
// Gin access-log formatter against, byte for byte. Every expected value is computed by Go's own
// time.Duration.String, strconv.Quote, fmt.Sprintf and time.Time.Format; the access-log line uses
// the format string of gin's defaultLogFormatter (gin-gonic/gin logger.go) with colours off.
//
// Go is needed only to regenerate the table, never to run the tests. From server-engine/:
//
//	go run src/test/go/ginref/main.go > src/test/resources/io/lpmos/engine/http/gin-reference.tsv
//
// The committed table was made with Debian's golang-go (go1.19.8, Unicode 13.0.0 tables, the
// same Unicode version as Java 17), after `apt-get install -y --no-install-recommends golang-go`.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// durations covers every unit boundary of Duration.String, negatives, the extremes and gin's
// truncation of latencies over one minute.
var durations = []time.Duration{
	0,
	1,
	850,
	999,
	time.Microsecond,
	1234,
	999999,
	time.Millisecond,
	1234567,
	52345678,
	999999999,
	time.Second,
	1500 * time.Millisecond,
	59999 * time.Millisecond,
	time.Minute,
	time.Minute + 1,
	61500 * time.Millisecond,
	2*time.Minute + 3500*time.Millisecond,
	time.Hour,
	25 * time.Hour,
	-1,
	-850,
	-1234567,
	-1500 * time.Millisecond,
	-61500 * time.Millisecond,
	-(2*time.Minute + 3500*time.Millisecond),
	math.MaxInt64,
	math.MinInt64,
	math.MinInt64 + 1,
}

// validStrings are valid UTF-8: Java holds them exactly, so Java must print exactly what Go does.
var validStrings = []string{
	"",
	"/static/initramfs/lpmos-agent-initramfs.gz",
	"/repos/ubuntu/22.04/dists/jammy/Release?x=1&y=2",
	`say "hi"`,
	`back\slash`,
	"tab\there",
	"line\nfeed",
	"carriage\rreturn",
	"nul\x00byte",
	"\a\b\f\v",
	"\x01\x1b\x1f",
	"del\x7f",
	"caf\u00e9",
	"\u65e5\u672c",
	"\U0001F600 emoji",
	"\U0001F469\u200D\U0001F4BB",
	"nbsp\u00a0",
	"zwsp\u200b",
	"bom\ufeff",
	"replacement\ufffd",
	"soft\u00adhyphen",
	"nel\u0085",
	"line\u2028separator",
	"e\u0301",
	"private\ue000",
	"tag\U000E0001",
	"max\U0010FFFF",
	"ideographic\u3000space",
}

// invalidStrings are request paths that are not valid UTF-8. Gin prints their raw bytes as \xNN;
// a Java String cannot hold them: Jetty decodes the path and each invalid byte here becomes U+FFFD
// (Jetty replaces maximal invalid subparts, which for these inputs is one U+FFFD per byte, as
// Go's []rune conversion does).
var invalidStrings = []string{
	"/\x80",
	"/\xff",
	"/a\xfeb",
	"/\xc0\xaf",
	"/\xed\xa0\x80",
	"/static/\xe9t\xe9",
}

var clientIPs = []string{"127.0.0.1", "10.0.0.1", "192.168.246.150", "2001:db8::1234:5678", "::1"}

var methods = []string{"GET", "HEAD", "OPTIONS", "PROPFIND", "M-SEARCH"}

var statuses = []int{200, 206, 304, 403, 404, 500}

type instant struct {
	unixSeconds int64
	nanos       int64
	offset      int
}

var times = []instant{
	{1770213601, 0, 0},                // 2026-02-04 14:00:01 UTC
	{1770213601, 999999999, 8 * 3600}, // the same instant in +08:00; the fraction is never printed
	{0, 0, 0},                         // the epoch
	{951782399, 500000000, -5 * 3600}, // 2000-02-28 23:59:59.5 UTC, the day before in -05:00
	{1709208000, 0, 5*3600 + 45*60},   // leap day 2024-02-29 in +05:45
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, "# Reference output of src/test/go/ginref/main.go (%s, Unicode %s). Do not edit by hand.\n",
		runtime.Version(), unicode.Version)
	fmt.Fprintln(out, "# Regenerate from server-engine/: go run src/test/go/ginref/main.go > src/test/resources/io/lpmos/engine/http/gin-reference.tsv")
	fmt.Fprintln(out, "# Tab-separated; strings are given as hex of their bytes so that any content survives.")
	fmt.Fprintln(out, "# duration  nanoseconds  time.Duration(n).String()")
	out.WriteString("# quote     hex(input)  strconv.Quote(input), which is what fmt's %#v verb prints\n")
	out.WriteString("# received  hex(raw bytes, invalid UTF-8)  Gin's quoting of the raw bytes  quoting of the bytes decoded with U+FFFD per invalid byte\n")
	fmt.Fprintln(out, "# gin       unix-seconds  nanos  zone-offset-seconds  status  latency-nanos  client-ip  method  hex(path)  log line")

	for _, d := range durations {
		row(out, "duration", strconv.FormatInt(int64(d), 10), d.String())
	}
	for _, s := range validStrings {
		if !utf8.ValidString(s) {
			panic("not valid UTF-8: " + strconv.Quote(s))
		}
		quoted := strconv.Quote(s)
		if fmt.Sprintf("%#v", s) != quoted {
			panic("fmt's %#v differs from strconv.Quote for " + quoted)
		}
		row(out, "quote", hex.EncodeToString([]byte(s)), quoted)
	}
	for _, s := range invalidStrings {
		if utf8.ValidString(s) {
			panic("valid UTF-8: " + strconv.Quote(s))
		}
		row(out, "received", hex.EncodeToString([]byte(s)), fmt.Sprintf("%#v", s), fmt.Sprintf("%#v", string([]rune(s))))
	}

	base := instant{1770213601, 0, 0}
	for _, d := range durations {
		gin(out, base, 200, d, "192.168.246.150", "GET", "/static/initramfs/lpmos-agent-initramfs.gz")
	}
	for _, t := range times {
		gin(out, t, 200, 52345678, "192.168.246.150", "GET", "/static/kernels/vmlinuz-ubuntu-22.04")
	}
	for _, status := range statuses {
		gin(out, base, status, 850*time.Microsecond, "10.0.0.1", "HEAD", "/static/kernels/vmlinuz-rocky-9")
	}
	for _, ip := range clientIPs {
		for _, method := range methods {
			gin(out, base, 404, 1234567, ip, method, "/repos/")
		}
	}
	for _, s := range validStrings {
		gin(out, base, 404, 999999, "127.0.0.1", "GET", s)
	}
}

// gin formats one access-log line exactly as gin's defaultLogFormatter does without colours.
func gin(out *bufio.Writer, t instant, status int, latency time.Duration, clientIP, method, path string) {
	var statusColor, methodColor, resetColor string
	timestamp := time.Unix(t.unixSeconds, t.nanos).In(time.FixedZone("", t.offset))
	printed := latency
	if printed > time.Minute {
		printed = printed.Truncate(time.Second)
	}
	line := fmt.Sprintf("[GIN] %v |%s %3d %s| %13v | %15s |%s %-7s %s %#v\n%s",
		timestamp.Format("2006/01/02 - 15:04:05"),
		statusColor, status, resetColor,
		printed,
		clientIP,
		methodColor, method, resetColor,
		path,
		"",
	)
	row(out, "gin",
		strconv.FormatInt(t.unixSeconds, 10), strconv.FormatInt(t.nanos, 10), strconv.Itoa(t.offset),
		strconv.Itoa(status), strconv.FormatInt(int64(latency), 10), clientIP, method,
		hex.EncodeToString([]byte(path)), strings.TrimSuffix(line, "\n"))
}

func row(out *bufio.Writer, fields ...string) {
	for _, f := range fields {
		if strings.ContainsAny(f, "\t\n") {
			panic("field would break the table: " + strconv.Quote(f))
		}
	}
	fmt.Fprintln(out, strings.Join(fields, "\t"))
}
