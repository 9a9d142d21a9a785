// Logtail's multi-line reader, then its regex parser, on a raw log stream (see test/support/logtail-engine.ts).
// stdin: the start pattern, the full regex, the mode ("full": a line starts a record iff regex_match, as the
// classic agent and iLogtail <= 2.0; "prefix": trailing '$' then '.*' stripped, regex_search with
// match_continuous, as LoongCollector 3.x), then the log until EOF. Lines before the first start line are
// one leading record. stdout: one line per record, in the engine protocol of boost.cpp.
#include "boost_groups.hpp"
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

static bool line(const std::string &in, size_t &at, std::string &out) {
  size_t nl = in.find('\n', at);
  if (nl == std::string::npos) return false;
  out = in.substr(at, nl - at), at = nl + 1;
  return true;
}

int main() {
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>()), start, regex, mode;
  size_t at = 0;
  if (!line(in, at, start) || !line(in, at, regex) || !line(in, at, mode) || (mode != "full" && mode != "prefix")) {
    std::cerr << "expected the start pattern, the regex and full|prefix\n";
    return 2;
  }
  if (mode == "prefix") {
    if (start.size() >= 1 && start.compare(start.size() - 1, 1, "$") == 0) start.resize(start.size() - 1);
    if (start.size() >= 2 && start.compare(start.size() - 2, 2, ".*") == 0) start.resize(start.size() - 2);
  }
  boost::regex begin, re;
  try { begin.assign(start, boost::regex::perl); re.assign(regex, boost::regex::perl); } catch (const std::exception &e) { std::cerr << e.what() << "\n"; return 2; }
  std::vector<std::string> records;
  std::string text = in.substr(at);
  if (!text.empty() && text.back() == '\n') text.pop_back();  // the final newline ends the last line
  for (size_t from = 0, nl = 0; !text.empty() && nl != std::string::npos; from = nl + 1) {
    nl = text.find('\n', from);
    const std::string l = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
    bool starts;
    boost::smatch m;
    try { starts = mode == "full" ? boost::regex_match(l, begin) : boost::regex_search(l, m, begin, boost::match_continuous); }
    catch (const std::exception &e) { std::cerr << "start pattern match error: " << e.what() << "\n"; return 3; }
    if (starts || records.empty()) records.push_back(l);
    else records.back() += "\n" + l;
  }
  std::string out;
  for (const std::string &record : records) {
    if (!append_groups(record, re, out)) return 3;
  }
  std::cout << out;
  return 0;
}
