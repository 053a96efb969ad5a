#pragma once
// The colours panels draw with, by meaning rather than hue. The default set follows the
// Okabe-Ito palette (distinguishable with the common colour-vision deficiencies); matched and not
// matched also differ by mark (✓ / ✗), never by colour alone. The high-contrast set is for
// projectors: black background, white text, saturated accents.
#include <imgui.h>

namespace kns::ui {

struct Palette {
    ImU32 text, dimText, background, panel;
    ImU32 node, pod, podUnready, bridge, vip, kubeProxy, apiServer;
    ImU32 packet, reply, link;
    ImU32 matched, notMatched, evaluating, rewrite, drop;

    static const Palette& standard();
    static const Palette& highContrast();
};

} // namespace kns::ui
