#include <ui/app/palette.hpp>

namespace kns::ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }

} // namespace

// Okabe-Ito: orange E69F00, sky blue 56B4E9, bluish green 009E73, yellow F0E442, blue 0072B2,
// vermillion D55E00, reddish purple CC79A7. A node is a neutral grey-blue frame, so the sky-blue
// replies crossing it stand out; an unready pod is grey (it takes no traffic), apart from
// kube-proxy's purple.
const Palette& Palette::standard() {
    static const Palette p{
        rgb(230, 230, 230), rgb(150, 150, 150), rgb(24, 26, 30), rgb(36, 39, 46),
        rgb(150, 170, 190), rgb(0, 158, 115), rgb(140, 140, 150), rgb(240, 228, 66), rgb(230, 159, 0),
        rgb(204, 121, 167), rgb(0, 114, 178),
        rgb(240, 228, 66), rgb(86, 180, 233), rgb(110, 115, 125),
        rgb(0, 158, 115), rgb(213, 94, 0), rgb(240, 228, 66), rgb(230, 159, 0), rgb(213, 94, 0)};
    return p;
}

const Palette& Palette::highContrast() {
    static const Palette p{
        rgb(255, 255, 255), rgb(200, 200, 200), rgb(0, 0, 0), rgb(0, 0, 0),
        rgb(230, 230, 230), rgb(0, 255, 160), rgb(170, 170, 170), rgb(255, 255, 0), rgb(255, 170, 0),
        rgb(255, 120, 220), rgb(80, 160, 255),
        rgb(255, 255, 0), rgb(0, 200, 255), rgb(200, 200, 200),
        rgb(0, 255, 160), rgb(255, 90, 0), rgb(255, 255, 0), rgb(255, 170, 0), rgb(255, 90, 0)};
    return p;
}

} // namespace kns::ui
