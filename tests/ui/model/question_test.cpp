#include <doctest/doctest.h>

#include <ui/model/question.hpp>
#include <ui/model/scenario_stepper.hpp>
#include <ui/model/ui_session.hpp>

using namespace kns;
using namespace kns::ui;

namespace {

std::unique_ptr<UiSession> openTutorial() {
    auto s = UiSession::open({});
    REQUIRE(s.ok());
    return std::move(*s);
}

std::size_t stepAsking(const ScenarioStepper& stepper, const std::string& answerFrom) {
    for (std::size_t i = 0; i < stepper.stepCount(); ++i)
        if (stepper.step(i).question && stepper.step(i).question->answerFrom == answerFrom) return i;
    FAIL("no step asks " << answerFrom);
    return 0;
}

} // namespace

TEST_CASE("a question is asked before its step runs and can be revealed only after") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    QuestionModel q(stepper);
    const std::size_t from = stepAsking(stepper, "curl-from");
    CHECK(q.phase() == QuestionModel::Phase::None);
    stepper.runThrough(from - 1);
    REQUIRE(q.step() == from);
    CHECK(q.phase() == QuestionModel::Phase::Asked);
    CHECK_FALSE(q.canReveal());
    CHECK_FALSE(q.reveal());
    q.choose(0);
    CHECK(q.phase() == QuestionModel::Phase::Chosen);
    REQUIRE(stepper.runNext());
    CHECK(q.step() == from);  // still shown: waiting for the reveal
    REQUIRE(q.canReveal());
    REQUIRE(q.reveal());
    CHECK(q.phase() == QuestionModel::Phase::Revealed);
    REQUIRE(q.answer() != nullptr);
    CHECK(q.answer()->value == "10.0.2.15");  // what the curl's answer says, computed
    REQUIRE(q.answer()->choice);
    CHECK(q.correct() == (*q.answer()->choice == 0));
}

TEST_CASE("the paused step's question is answered with the pod the statistic draw picked") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    QuestionModel q(stepper);
    const std::size_t endpoint = stepAsking(stepper, "endpoint-of-next-connection");
    stepper.runThrough(endpoint);
    REQUIRE(stepper.atPause());
    REQUIRE(q.reveal());
    const scenario::QuestionAnswer* a = q.answer();
    REQUIRE(a != nullptr);
    // The answer agrees with the rule the packet met in KUBE-SVC: the draw decides the endpoint.
    const auto& p = *stepper.pausePoint();
    REQUIRE(p.draw);
    REQUIRE(p.probability);
    const bool first = *p.draw < *p.probability;
    CHECK(a->value == (first ? "rcsise-6nq3k 172.17.0.3:9876" : "rcsise-nv8zm 172.17.0.4:9876"));
    REQUIRE(a->choice);
    CHECK(*a->choice == (first ? 0u : 1u));
    // The next step asks its own question; the revealed answer stays available beside it.
    CHECK(q.step() == endpoint + 1);
    CHECK(q.phase() == QuestionModel::Phase::Asked);
    CHECK(q.answeredStep() == endpoint);
    CHECK(q.answer() == a);
}

TEST_CASE("the next-chain answer names the endpoint chain the Service chain jumped to") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    QuestionModel q(stepper);
    const std::size_t next = stepAsking(stepper, "next-chain");
    stepper.runThrough(next);
    REQUIRE(q.reveal());
    REQUIRE(q.answer() != nullptr);
    const auto& p = *stepper.pausePoint();
    const bool first = *p.draw < *p.probability;
    CHECK(q.answer()->value == (first ? "KUBE-SEP-4SQFZS32ZVMTQEZV" : "KUBE-SEP-PXYYII6AHMUWKLYX"));
}

TEST_CASE("going back before a revealed question asks it afresh") {
    auto session = openTutorial();
    ScenarioStepper& stepper = session->stepper();
    QuestionModel q(stepper);
    const std::size_t from = stepAsking(stepper, "curl-from");
    stepper.runThrough(from);
    q.choose(1);
    REQUIRE(q.reveal());
    stepper.previous();
    CHECK(q.step() == from);
    CHECK(q.phase() == QuestionModel::Phase::Asked);
    CHECK_FALSE(q.choice());
}
