// java.util.regex harness for the pylogrx engine protocol (see pcre2.c); run as `java Check.java`.
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class Check {
  public static void main(String[] args) throws Exception {
    String[] lines = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
    if (lines.length < 2) { System.err.println("no regex line"); System.exit(2); }
    Pattern re = null;
    try { re = Pattern.compile(lines[0]); } catch (PatternSyntaxException e) { System.err.println(e.getMessage()); System.exit(2); }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < lines.length - 1; i++) {
      Matcher m = re.matcher(lines[i]);
      if (!m.find()) { out.append("-\n"); continue; }
      for (int g = 1; g <= m.groupCount(); g++) {
        out.append(g > 1 ? " :" : ":");
        if (m.group(g) == null) out.append('~');
        else out.append(HexFormat.of().formatHex(m.group(g).getBytes(StandardCharsets.UTF_8)));
      }
      out.append('\n');
    }
    PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    stdout.print(out);
    stdout.flush();
  }
}
