#pragma once
// Every label the window shows, in English and Japanese. Each panel keeps its own small table
// next to its code (no central file to collide on); lookups are by a stable key.
//
//     const ui::Labels kLabels{{"play", "Play", "再生"}, {"pause", "Pause", "一時停止"}};
//     ImGui::Button(kLabels.get("play", lang));
//
// A missing key is a programming error (assert); in release builds it shows the key itself.
#include <cassert>
#include <initializer_list>
#include <string_view>
#include <vector>

#include <kubenetsim/scenario/scenario.hpp>

namespace kns::ui {

using scenario::Lang;

struct Label {
    const char* key;
    const char* en;
    const char* ja;
};

class Labels {
public:
    Labels(std::initializer_list<Label> labels) : m_labels(labels) {}

    const char* get(std::string_view key, Lang lang) const {
        for (const Label& l : m_labels)
            if (key == l.key) return lang == Lang::Ja ? l.ja : l.en;
        assert(!"unknown label key");
        return key.data();
    }
    const std::vector<Label>& all() const { return m_labels; }

private:
    std::vector<Label> m_labels;
};

} // namespace kns::ui
