# Onigmo harness: Ruby's Regexp is Onigmo (Ruby syntax), the engine Fluent Bit links and Logstash's Joni
# ports. Modes (argv):
#   (none)     the pylogrx engine protocol (see pcre2.c): stdin is the regex line, then one subject a line;
#              stdout one line a subject, `-` or the groups 1..N as `:hex` (`:~` for a group that did not
#              take part). A search, as onig_search runs. Exit status 2 is a compile error, 3 a match error.
#   batch      stdin: a JSON array of jobs; stdout: a JSON array of results, one a job, texts as hex.
#              {"lines": regex, "subjects": [...]} → {"rows": [null | [hex | null, ...]]}, as above.
#              {"records": "fluentbit" | "logstash", "start": regex | null, "cont": regex | null,
#               "definitions": {...}, "record": regex, "log": text}
#                → {"names": [...], "records": [{"text": hex, "groups": null | [hex | null, ...]}]}
#              The log is cut into records as the collector does (flb_ml_rule.c; logstash-codec-multiline
#              with negate => true, what => previous; start null: one record a line), and each record is
#              searched with the record regex. For logstash the record regex is a grok match: each
#              %{NAME:field} becomes (?<field>definition), each %{NAME} (?:definition), as grok compiles it.
#              A job that fails gives {"error": message}.
#   strptime   stdin: `format<TAB>text` lines; stdout: Time.strptime's epoch in milliseconds, or `-`.
#   json       stdin: a JSON array of log lines; stdout: a JSON array, each line's object read by Ruby's
#              JSON.parse (a string as it is, any other value as JSON text), or null when it is no object.
require 'json'
require 'time'

def hex(s) = s&.b&.unpack1('H*')

def lines_job(re, subjects)
  subjects.map do |s|
    m = re.match(s)
    m&.captures&.map { |g| hex(g) }
  end
end

# flb_ml_rule_process: in a record, a line the cont rule matches joins it ("\n" unless the buffer already
# ends in one; an empty line adds "\n"); else a start_state line flushes and begins the next; else the
# line goes out alone. Every record, a lone line too, is flushed through breakline_prepare, which ends it
# in "\n" when it does not end in one already (src/multiline/flb_ml.c flb_ml_flush_stream_group).
def fluentbit_records(start, cont, lines)
  records = []
  buf = nil
  lines.each do |line|
    if !buf.nil? && cont.match?(line)
      buf << "\n" unless buf.end_with?("\n")
      buf << (line.empty? ? "\n" : line)
    elsif start.match?(line)
      records << buf unless buf.nil?
      buf = +line
    else
      records << buf unless buf.nil?
      buf = nil
      records << line
    end
  end
  records << buf unless buf.nil?
  records.map { |r| r.end_with?("\n") ? r : "#{r}\n" }
end

# logstash-codec-multiline, negate => true, what => previous: a line that does not match the pattern joins
# the event before it; one that does flushes it. Lines before the first start form one event.
def logstash_records(start, lines)
  records = []
  buf = []
  lines.each do |line|
    if start.match?(line) && !buf.empty?
      records << buf.join("\n")
      buf = []
    end
    buf << line
  end
  records << buf.join("\n") unless buf.empty?
  records
end

def records_job(job)
  start = job['start'] && Regexp.new(job['start'])
  source = job['record']
  if job['records'] == 'logstash'
    source = source.gsub(/%\{(\w+)(?::([@\[\]A-Za-z0-9_:.-]+))?\}/) do
      definition = job['definitions'].fetch(Regexp.last_match(1))
      Regexp.last_match(2) ? "(?<#{Regexp.last_match(2)}>#{definition})" : "(?:#{definition})"
    end
  end
  re = Regexp.new(source)
  lines = job['log'].split("\n", -1)
  lines.pop if lines.last == ''
  records = if start.nil? then lines
            elsif job['records'] == 'fluentbit' then fluentbit_records(start, Regexp.new(job['cont']), lines)
            else logstash_records(start, lines)
            end
  { 'names' => re.names, 'records' => records.map do |r|
    m = re.match(r)
    { 'text' => hex(r), 'groups' => m && re.names.map { |n| hex(m[n]) } }
  end }
end

input = STDIN.read.force_encoding(Encoding::UTF_8)
case ARGV[0]
when nil
  regex, *subjects = input.split("\n", -1)
  subjects.pop
  begin
    re = Regexp.new(regex)
  rescue RegexpError => e
    warn e.message
    exit 2
  end
  begin
    rows = lines_job(re, subjects)
  rescue ArgumentError, Encoding::CompatibilityError => e
    warn e.message
    exit 3
  end
  print rows.map { |r| r.nil? ? "-\n" : "#{r.map { |g| g.nil? ? ':~' : ":#{g}" }.join(' ')}\n" }.join
when 'batch'
  results = JSON.parse(input).map do |job|
    job.key?('lines') ? { 'rows' => lines_job(Regexp.new(job['lines']), job['subjects']) } : records_job(job)
  rescue RegexpError, ArgumentError, Encoding::CompatibilityError, KeyError => e
    { 'error' => "#{e.class}: #{e.message}" }
  end
  print JSON.generate(results)
when 'strptime'
  out = input.split("\n").map do |line|
    format, text = line.split("\t", 2)
    (Time.strptime(text, format).to_r * 1000).floor.to_s
  rescue ArgumentError
    '-'
  end
  print out.map { |l| "#{l}\n" }.join
when 'json'
  out = JSON.parse(input).map do |line|
    object = JSON.parse(line)
    object.is_a?(Hash) ? object.transform_values { |v| v.is_a?(String) ? v : JSON.generate(v) } : nil
  rescue JSON::ParserError
    nil
  end
  print JSON.generate(out)
else
  warn "unknown mode #{ARGV[0]}"
  exit 2
end
