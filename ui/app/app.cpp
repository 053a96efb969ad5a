#include <ui/app/app.hpp>

#include <chrono>
#include <iostream>

#include <SFML/OpenGL.hpp>
#include <SFML/System/Clock.hpp>
#include <imgui_impl_opengl2.h>

#include <ui/glue/sfml_imgui.hpp>

namespace kns::ui {

namespace {

constexpr unsigned kDefaultWidth = 1280;
constexpr unsigned kDefaultHeight = 800;

std::vector<ImWchar> extraGlyphs(const std::set<unsigned>& missing) {
    std::vector<ImWchar> out;
    for (unsigned c : missing)
        if (c <= IM_UNICODE_CODEPOINT_MAX) out.push_back(static_cast<ImWchar>(c));
    return out;
}

} // namespace

int App::main(const Options& options) {
    // The bench builds its own cluster on the bare profile unless a scenario is named.
    const bool bare = options.benchFrames > 0 && options.scenario.empty();
    auto session = UiSession::open(SessionOptions{options.scenario, bare, options.profile, options.seed});
    if (!session) {
        std::cerr << "kubenetsim: " << session.error().full() << "\n";
        return 2;
    }
    // The screenshot and bench modes are reproducible: they neither read nor write the user's settings.
    const bool batch = !options.screenshot.empty() || options.benchFrames > 0;
    Settings settings;
    if (!batch) {
        LoadedSettings loaded = loadSettings(settingsPath());
        for (const std::string& p : loaded.problems) std::cerr << "kubenetsim: " << p << "\n";
        settings = std::move(loaded.settings);
    }
    if (options.lang) settings.lang = *options.lang;
    App app(options, std::move(*session), std::move(settings));
    if (!app.openWindow()) return 1;
    if (!options.screenshot.empty()) return app.runScreenshot();
    if (options.benchFrames > 0) return app.runBench();
    return app.runInteractive();
}

App::App(const Options& options, std::unique_ptr<UiSession> session, Settings settings)
    : m_options(options), m_session(std::move(session)),
      m_workspace(std::make_unique<Workspace>(*m_session, std::move(settings))) {}

App::~App() {
    if (ImGui::GetCurrentContext()) {
        ImGui_ImplOpenGL2_Shutdown();
        ImGui::DestroyContext();
    }
}

bool App::openWindow() {
    sf::ContextSettings gl;
    gl.majorVersion = 2;
    gl.minorVersion = 1;
    m_window.create(sf::VideoMode(kDefaultWidth, kDefaultHeight), "kubenetsim", sf::Style::Default, gl);
    if (!m_window.isOpen() || !m_window.setActive(true)) {
        std::cerr << "kubenetsim: cannot open a window with an OpenGL context (is DISPLAY set?)\n";
        return false;
    }
    if (m_options.benchFrames == 0 && m_options.screenshot.empty()) m_window.setVerticalSyncEnabled(true);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout lives in our settings file
    glue::install(io);
    ImGui_ImplOpenGL2_Init();
    m_fonts = findFonts();
    if (m_fonts.cjk.empty())
        std::cerr << "kubenetsim: no Japanese font found (install fonts-ipafont-gothic); Japanese will show as boxes\n";
    rebuildFonts();
    m_workspace->applyStyle();
    return true;
}

void App::rebuildFonts() {
    ImGui_ImplOpenGL2_DestroyFontsTexture();
    m_fontScale = m_workspace->settings().scale;
    buildFontAtlas(*ImGui::GetIO().Fonts, m_fonts, m_fontScale, extraGlyphs(m_workspace->missingCodepoints()));
    ImGui_ImplOpenGL2_CreateFontsTexture();
}

double App::cpuFrame(double realSeconds) {
    if (m_workspace->takeFontRebuild()) rebuildFonts();
    if (m_workspace->takeStyleChange()) m_workspace->applyStyle();
    const auto start = std::chrono::steady_clock::now();
    m_workspace->advance(realSeconds);
    const double advanceMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const sf::Vector2u size = m_window.getSize();
    glue::newFrame(ImGui::GetIO(), static_cast<float>(size.x), static_cast<float>(size.y), static_cast<float>(realSeconds));
    ImGui_ImplOpenGL2_NewFrame();
    ImGui::NewFrame();
    m_workspace->draw(static_cast<float>(size.x), static_cast<float>(size.y));
    ImGui::Render();
    return advanceMs;
}

void App::render() {
    const sf::Vector2u size = m_window.getSize();
    glViewport(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y));
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(m_workspace->context().palette.background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
}

void App::updateCursor() {
    const ImGuiMouseCursor wanted = ImGui::GetMouseCursor();
    if (m_cursor == wanted) return;
    m_cursor = wanted;
    const auto type = glue::cursorType(wanted);
    m_window.setMouseCursorVisible(type.has_value());
    if (!type) return;
    auto cursor = std::make_unique<sf::Cursor>();
    if (cursor->loadFromSystem(*type)) {
        m_window.setMouseCursor(*cursor);
        m_sfCursor = std::move(cursor);  // SFML requires the cursor to outlive its use
    }
}

int App::runInteractive() {
    sf::Clock clock;
    ImGuiIO& io = ImGui::GetIO();
    while (m_window.isOpen() && !m_workspace->quitRequested()) {
        sf::Event e;
        while (m_window.pollEvent(e)) {
            if (e.type == sf::Event::Closed) {
                m_window.close();
                break;
            }
            const bool textInput = io.WantTextInput;  // as the last frame left it
            glue::processEvent(io, e);
            if (auto action = actionFor(e, textInput)) m_workspace->act(*action);
        }
        if (!m_window.isOpen()) break;
        cpuFrame(clock.restart().asSeconds());
        updateCursor();
        render();
        m_window.display();
    }
    std::string error;
    const std::string path = settingsPath();
    if (!path.empty() && !saveSettings(m_workspace->settings(), path, error))
        std::cerr << "kubenetsim: settings not saved: " << error << "\n";
    return 0;
}

} // namespace kns::ui
