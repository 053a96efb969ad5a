#include <doctest/doctest.h>

#include <ui/app/layout.hpp>

using namespace kns::ui;

namespace {

bool inside(const PanelLayout& l, float w, float h) {
    return l.x >= 0 && l.y >= 0 && l.x + l.width <= w + 0.5f && l.y + l.height <= h + 0.5f;
}

bool overlap(const PanelLayout& a, const PanelLayout& b) {
    return a.x < b.x + b.width - 0.5f && b.x < a.x + a.width - 0.5f && a.y < b.y + b.height - 0.5f &&
           b.y < a.y + a.height - 0.5f;
}

} // namespace

TEST_CASE("the default layout fills a 1280x800 window below the menu bar without overlapping open panels") {
    const char* ids[] = {"scenario", "controls", "what_if", "cluster", "console", "chains", "rules"};
    std::vector<PanelLayout> open;
    for (const char* id : ids) {
        const PanelLayout l = defaultLayout(id, 1280, 800, 20);
        CHECK_MESSAGE(inside(l, 1280, 800), id);
        CHECK(l.y >= 20);
        CHECK(l.open);
        for (const PanelLayout& o : open) CHECK_MESSAGE(!overlap(l, o), id);
        open.push_back(l);
    }
    float area = 0;
    for (const PanelLayout& l : open) area += l.width * l.height;
    CHECK(area == doctest::Approx(1280.0f * 780.0f).epsilon(0.01));
    CHECK(defaultLayout("chains", 1280, 800, 20).width >= 400);  // room for iptables rule text
}

TEST_CASE("the default layout scales with the window and places unknown panels inside it") {
    const PanelLayout small = defaultLayout("chains", 1024, 700, 20);
    const PanelLayout large = defaultLayout("chains", 1920, 1080, 20);
    CHECK(large.width / small.width == doctest::Approx(1920.0 / 1024.0));
    CHECK(inside(defaultLayout("something_new", 1024, 700, 20), 1024, 700));
    CHECK_FALSE(defaultLayout("eventlog", 1280, 800, 20).open);  // shares the rules' place
}
