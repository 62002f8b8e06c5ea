"""The words of the safety content as the clinical review of December 2026 asks for them
(issue 21): each test reads the shipped data the app serves and draws."""

import pytest

from pwa import PROJECT_ROOT
from pwa.api.catalog_views import resolve_safety
from pwa.catalog import inspect_catalog


@pytest.fixture(scope="module")
def catalog():
    catalog, faults = inspect_catalog(PROJECT_ROOT / "routines")
    assert faults == []
    return catalog


@pytest.fixture(scope="module")
def safety(catalog):
    """The safety document as the API serves it."""
    return resolve_safety(catalog.safety, catalog.sources)


def question(safety, question_id):
    (found,) = [item for group in ("emergency", "urgent", "banner") for item in safety[f"{group}_questions"] if item["id"] == question_id]
    return found


def signs(safety, level):
    (group,) = [group for group in safety["warning_signs"]["groups"] if group["level"] == level]
    return group


def test_pregnancy_names_the_signs_of_labour_and_the_maternity_unit(safety):
    """H4: back pain in waves, or with bleeding, fluid, a temperature or pain peeing, can be labour."""
    advice = question(safety, "pregnancy")["advice"]
    for words in ("comes and goes in waves", "bleeding", "leaking fluid", "a high temperature", "pain when you pee", "call your maternity unit or midwife now"):
        assert words in advice
    pregnancy = signs(safety, "pregnancy")
    assert pregnancy["action"].startswith("Call your maternity unit or midwife now.")
    assert "comes and goes in waves" in " ".join(pregnancy["signs"])
    assert "NHS-Preg" in {source["id"] for source in safety["advice"]["banner"]["sources"]}
    assert "NHS-Preg" in {source["id"] for source in safety["warning_signs"]["sources"]}


def test_each_banner_answer_has_its_own_line_and_a_time_frame(safety):
    """P9: one text for six answers told a person over 50 about pregnancy, with no time frame."""
    lines = [item["advice"] for item in safety["banner_questions"]]
    assert len(set(lines)) == len(lines) == 6
    assert "book a routine appointment in the next week or two" in " ".join(safety["advice"]["banner"]["body"])
    assert "pregnan" not in " ".join(safety["advice"]["banner"]["body"])


def test_the_stop_dialog_has_the_emergency_signs_and_dizziness_its_own_advice(safety):
    """M4 and P14."""
    reasons = {reason["id"]: reason for reason in safety["stop_reasons"]}
    assert reasons["tummy-or-back-faint"]["level"] == "emergency"
    assert "tummy or lower back pain, with feeling faint" in reasons["tummy-or-back-faint"]["label"]
    assert "bladder or bowels" in reasons["emergency-signs"]["label"]
    assert reasons["dizziness"]["advice"] == "dizziness"
    dizziness = " ".join(safety["advice"]["dizziness"]["body"])
    assert "Sit or lie down until the dizziness passes." in dizziness
    # M10's point: a burst aneurysm can show as sudden severe back pain alone.
    assert "chest pain, breathlessness, tummy pain or sudden severe lower back pain, get emergency help" in dizziness
    assert "easier version" not in dizziness
    assert "Do not drive yourself" in " ".join(safety["advice"]["emergency"]["body"])


def test_the_aorta_sign_is_tummy_or_lower_back_pain(safety, catalog):
    """M10: a burst aneurysm can show as back pain alone."""
    assert question(safety, "tummy-and-back")["text"] == "Sudden, severe pain in your tummy or lower back, with feeling faint, dizzy, sweaty or clammy?"
    assert "Sudden, severe pain in your tummy or lower back, with feeling faint, dizzy, sweaty or clammy." in signs(safety, "emergency")["signs"]
    assert "tummy and back" not in str(safety) + str(catalog.guide)


def test_ordinary_sciatica_is_not_a_same_day_sign(safety):
    """M9: only new weakness, or numbness that spreads or worsens, in one leg needs a doctor today."""
    text = question(safety, "one-leg-numb")["text"]
    assert text.startswith("New weakness in one leg or foot") and "spreading or getting worse" in text and "catches" in text
    urgent = " ".join(signs(safety, "urgent")["signs"])
    assert "New numbness or weakness in one leg" not in urgent and "numbness in a leg that is spreading or getting worse" in urgent


def test_no_hot_water_bottle_on_a_numb_leg_and_no_heat_on_numb_skin(safety, catalog):
    """M5: the NHS sciatica page warns of scalds where the skin is numb. The words must not
    also send someone with a numb back to hold heat on it, beside "never heat numb skin"."""
    line = "If a leg is numb or tingles, use a heat pack you hold, not a hot-water bottle; never heat numb skin."
    assert line in safety["heat_cold"]["warnings"]
    (heat,) = [claim for page in catalog.guide["pages"] for claim in page["claims"] if "heat timer" in claim["text"]]
    assert line in heat["text"] and "a hot-water bottle wrapped in a cloth" not in heat["text"]
    for text in [*safety["heat_cold"]["warnings"], heat["text"]]:
        assert "or your back" not in text, text
    # The hot-water bottle line is the NHS sciatica page's.
    assert "NHS-Sci" in heat["sources"]


def test_how_long_back_pain_lasts_cites_the_nhs_inform_page_that_says_six_weeks(catalog):
    """P8 and M8: "settles within about 6" is NHS inform's wording, not the NHS or CKS pages'."""
    (claim,) = [claim for page in catalog.guide["pages"] for claim in page["claims"] if "settles within about 6" in claim["text"]]
    (inform,) = [catalog.sources[key] for key in claim["sources"] if catalog.sources[key]["publisher"].startswith("NHS inform")]
    assert inform["url"].startswith("https://www.nhsinform.scot/") and "back-problems" in inform["url"]


def test_the_guide_draws_its_warning_signs_from_the_safety_data(catalog):
    """M6: the page of the guide repeats no sign in its own words, so it cannot disagree."""
    (page,) = [page for page in catalog.guide["pages"] if page["id"] == "when-to-see-a-clinician"]
    assert page["shows_warning_signs"] is True
    claims = " ".join(claim["text"] for claim in page["claims"])
    for words in ("emergency", "genitals", "cancer", "numbness"):
        assert words not in claims


def test_every_emergency_number_names_its_source_or_is_flagged(safety, catalog):
    """M3 and P13: India's 108, 112 beside a national number, a source per entry."""
    services = safety["emergency_services"]
    assert (services["IN"]["number"], services["IN"]["number_note"], services["IN"]["also_from_mobile"]) == ("108", "in most states", "112")
    for region, service in services.items():
        assert service.get("source") in catalog.sources or service.get("to_verify") is True, region
    assert [region for region, service in services.items() if service.get("source") == "EC-112" and region in {"AU", "CA", "CH", "NZ", "US", "IN"}] == []


def test_the_polish_list(catalog, safety):
    """P1, P2, P3, P4, P6, P7, P8, P10, P11, P15."""
    exercises, routines = catalog.exercises, catalog.routines
    assert "between sets" not in exercises["curl-up"]["default_dose"]["summary"]
    (standing,) = [variant for variant in exercises["side-leg-raise"]["variants"] if variant["id"] == "standing"]
    assert "do not lean away" in " ".join(standing["steps"])
    assert "2–3 times a day" in routines["desk-break"]["frequency"]
    tilts = [item for routine in routines.values() for item in routine["items"] if item["exercise"] == "pelvic-tilt"]
    assert len(tilts) == 5 and all(5 <= item["rep_seconds"] <= 6 for item in tilts)
    assert "72 hours" not in str(routines)
    assert "until you can move about more easily" in routines["acute-relief"]["when_to_use"][0]
    assert "3 months or more" in question(safety, "morning-stiffness")["text"]
    guide = str(catalog.guide)
    assert "often starts to ease within 2 weeks and settles within about 6" in guide and "eases within about 2 weeks" not in guide
    assert "long-term steroid" in exercises["double-knee-to-chest"]["stop_if"][0]
    for exercise_id in ("childs-pose", "knee-to-chest", "double-knee-to-chest"):
        assert any("hip replacement" in line and "right angle" in line for line in exercises[exercise_id]["stop_if"]), exercise_id
    assert question(safety, "cancer")["text"] == "Have you ever been treated for cancer?"
    wiping = question(safety, "wiping-feeling")["text"]
    assert "poo" in wiping and "bladder is full" in wiping
    assert "ejaculate" in question(safety, "genital-feeling")["text"]
