// Shared by the Boost harnesses: regex_match one subject and append its groups in the harness protocol
// (`-` no match; else `:hex` per group, `:~` for one that did not take part). False on a match-time error.
#pragma once
#include <boost/regex.hpp>
#include <cstdio>
#include <iostream>
#include <string>

inline bool append_groups(const std::string &subject, const boost::regex &re, std::string &out) {
  boost::smatch m;
  bool ok;
  try { ok = boost::regex_match(subject, m, re); } catch (const std::exception &e) { std::cerr << "match error: " << e.what() << "\n"; return false; }
  if (!ok) { out += "-\n"; return true; }
  char hex[3];
  for (size_t g = 1; g < m.size(); g++) {
    out += g > 1 ? " :" : ":";
    if (!m[g].matched) { out += '~'; continue; }
    for (unsigned char c : m.str(g)) { std::snprintf(hex, sizeof hex, "%02x", c); out += hex; }
  }
  out += '\n';
  return true;
}
