// Boost.Regex harness, Perl syntax + regex_match as Logtail uses it (pylogrx engine protocol, see pcre2.c).
#include <boost/regex.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

int main() {
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  size_t nl = in.find('\n');
  if (nl == std::string::npos) { std::cerr << "no regex line\n"; return 2; }
  boost::regex re;
  try { re.assign(in.substr(0, nl), boost::regex::perl); } catch (const std::exception &e) { std::cerr << e.what() << "\n"; return 2; }
  std::string out;
  char hex[3];
  for (size_t at = nl + 1; (nl = in.find('\n', at)) != std::string::npos; at = nl + 1) {
    const std::string subject = in.substr(at, nl - at);
    boost::smatch m;
    bool ok;
    try { ok = boost::regex_match(subject, m, re); } catch (const std::exception &e) { std::cerr << "match error: " << e.what() << "\n"; return 3; }
    if (!ok) { out += "-\n"; continue; }
    for (size_t g = 1; g < m.size(); g++) {
      out += g > 1 ? " :" : ":";
      if (!m[g].matched) { out += '~'; continue; }
      for (unsigned char c : m.str(g)) { std::snprintf(hex, sizeof hex, "%02x", c); out += hex; }
    }
    out += '\n';
  }
  std::cout << out;
  return 0;
}
