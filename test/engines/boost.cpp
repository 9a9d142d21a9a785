// Boost.Regex harness, Perl syntax + regex_match as Logtail uses it (pylogrx engine protocol, see pcre2.c).
#include "boost_groups.hpp"
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
  for (size_t at = nl + 1; (nl = in.find('\n', at)) != std::string::npos; at = nl + 1) {
    if (!append_groups(in.substr(at, nl - at), re, out)) return 3;
  }
  std::cout << out;
  return 0;
}
