#include <kubenetsim/scenario/time_text.hpp>

#include <cctype>

namespace kns::scenario {
namespace {

// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's civil algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digitsAt(const std::string& s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

std::optional<SimTime> parseDuration(const std::string& text) {
    if (text.empty()) return std::nullopt;
    SimTime total;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t numEnd = i;
        while (numEnd < text.size() && (std::isdigit(static_cast<unsigned char>(text[numEnd])) || text[numEnd] == '.')) ++numEnd;
        std::size_t unitEnd = numEnd;
        while (unitEnd < text.size() && std::isalpha(static_cast<unsigned char>(text[unitEnd]))) ++unitEnd;
        if (numEnd == i || unitEnd == numEnd) return std::nullopt;  // every part needs a number and a unit
        SimTime part;
        if (!SimTime::parse(text.substr(i, unitEnd - i), part)) return std::nullopt;
        total += part;
        i = unitEnd;
    }
    return total;
}

std::optional<int> parseUtcOffset(const std::string& text) {
    if (text == "Z" || text == "z") return 0;
    int h = 0, m = 0;
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
    if (!digitsAt(text, 1, 2, h) || !digitsAt(text, 4, 2, m) || h > 23 || m > 59) return std::nullopt;
    const int minutes = h * 60 + m;
    return text[0] == '-' ? -minutes : minutes;
}

std::optional<Rfc3339> parseRfc3339(const std::string& text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digitsAt(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !digitsAt(text, 5, 2, month) ||
        text[7] != '-' || !digitsAt(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
        !digitsAt(text, 11, 2, hour) || text[13] != ':' || !digitsAt(text, 14, 2, minute) || text[16] != ':' ||
        !digitsAt(text, 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    std::size_t pos = 19;
    if (text[pos] == '.') {
        ++pos;
        const std::size_t fracStart = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
        if (pos == fracStart) return std::nullopt;
    }
    auto offset = parseUtcOffset(text.substr(pos));
    if (!offset) return std::nullopt;
    Rfc3339 r;
    r.offsetMinutes = *offset;
    r.epochSeconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                     hour * 3600 + minute * 60 + second - static_cast<std::int64_t>(*offset) * 60;
    return r;
}

} // namespace kns::scenario
