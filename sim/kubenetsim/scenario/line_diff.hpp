#pragma once
// A unified-style line diff for the player's failure reports:
//     --- expected
//     +++ actual
//     @@ -1,2 +1,2 @@
//      NAME           READY     STATUS    RESTARTS   AGE
//     -rcsise-6nq3k   1/1       Running   0          57s
//     +rcsise-6nq3k   1/1       Running   0          58s
// Outputs are small (a screenful), so a plain longest-common-subsequence table is enough.
#include <string>
#include <vector>

namespace kns::scenario {

// Empty when the two are equal.
std::string unifiedDiff(const std::vector<std::string>& expected, const std::vector<std::string>& actual, std::size_t context = 3);

// Lines of text without their newlines; a final line without a newline counts, a final
// newline does not start another line.
std::vector<std::string> textLines(const std::string& text);

} // namespace kns::scenario
