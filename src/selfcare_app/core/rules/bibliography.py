"""The one bibliography: CONTENT.md's reference list as the rules and the counselor summary cite
it. Numbers are CONTENT.md's, so "[33]" means the same source everywhere in the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Source:
    """One entry of CONTENT.md's reference list."""

    number: int
    citation: str
    url: str

    def text(self) -> str:
        return f"[{self.number}] {self.citation}"

    def full(self) -> str:
        """Citation and address, as the summary's appendix prints it."""
        return f"{self.citation}. {self.url}" if self.url else f"{self.citation}."


BIBLIOGRAPHY: Final[dict[int, Source]] = {s.number: s for s in (
    Source(1, "ICD-11 QD85 Burn-out (WHO)", "http://id.who.int/icd/entity/129180281"),
    Source(4, "Freudenberger & North's twelve phases, Front Psychiatry 2019;10:382",
           "https://pmc.ncbi.nlm.nih.gov/articles/PMC6587911/table/T1"),
    Source(12, "Topp CW et al. The WHO-5 Well-Being Index: a systematic review. "
               "Psychother Psychosom 2015;84:167–76",
           "https://karger.com/pps/article/84/3/167/282903"),
    Source(14, "WHO-5 scoring and meaningful change (Valant); MDC 23.6, Health Qual Life "
               "Outcomes 2018", "https://help.valant.com/who-five-well-being-index-who-5 ; "
               "https://hqlo.biomedcentral.com/articles/10.1186/s12955-018-1001-0"),
    Source(16, "Kroenke K et al. The PHQ-9. J Gen Intern Med 2001;16:606–13",
           "https://studylib.net/doc/25788761/kroenke2001-article-thephq-9"),
    Source(19, "Kroenke K et al. The PHQ-8. J Affect Disord 2009;114:163–73",
           "https://suppr.wilddata.cn/browses/detail/pubmed/18752852"),
    Source(20, "Spitzer RL et al. The GAD-7. Arch Intern Med 2006;166:1092–7",
           "https://www.researchgate.net/publication/7064924_A_Brief_Measure_for_Assessing_"
           "Generalized_Anxiety_Disorder_The_GAD-7"),
    Source(22, "Simon GE et al. PHQ-9 item 9 and suicide risk. Psychiatr Serv 2013;64:1195–202",
           "https://psychiatryonline.org/doi/full/10.1176/appi.ps.201200587"),
    Source(24, "Löwe B et al. Monitoring depression treatment outcomes with the PHQ-9. "
               "Med Care 2004;42:1194–201",
           "http://journals.lww.com/lww-medicalcare/Abstract/2004/12000/Monitoring_Depression_"
           "Treatment_Outcomes_With_the.6.aspx"),
    Source(25, "Response/remission metrics. Psychiatr Serv",
           "https://ps.psychiatryonline.org/doi/full/10.1176/appi.ps.201900295"),
    Source(26, "Kristensen TS et al. The Copenhagen Burnout Inventory. Work & Stress "
               "2005;19:192–207",
           "https://www.researchgate.net/publication/247511197_The_Copenhagen_Burnout_"
           "Inventory_A_new_tool_for_the_assessment_of_burnout"),
    Source(27, "GMC National Training Survey burnout bands",
           "https://www.gmc-uk.org/help/education-data-reporting-tool-help/burnout-report"),
    Source(29, "Perceived Stress Scale: scoring and no cut-offs",
           "http://www.psy.cmu.edu/~scohen/PSSscore.html"),
    Source(33, "Watson NF et al. AASM/SRS consensus on adult sleep. J Clin Sleep Med "
               "2015;11:591–2, doi:10.5664/jcsm.4758", "https://doi.org/10.5664/jcsm.4758"),
    Source(34, "Oberleitner LM et al. Sleep in medical students. Med Educ Online "
               "2024;29:2412400", "https://pmc.ncbi.nlm.nih.gov/articles/PMC11468015"),
    Source(36, "Wang R et al. StudentLife. UbiComp 2014",
           "https://maplab.stanford.edu/publications/smartphone/studentlife-assessing-mental-"
           "health-academic-performance-and-behavioral"),
    Source(38, "Mengelkoch S et al. Ecological momentary assessment. J Clin Med 2024;13:24",
           "https://www.mdpi.com/2077-0383/13/1/24"),
    Source(39, "WHO/ILO: long working hours and ischaemic heart disease and stroke (2021)",
           "https://test-cms.who.int/news-room/q-a-detail/global-regional-and-national-burdens"
           "-of-ischemic-heart-disease-and-stroke-attributable-to-exposure-to-long-working-hours"
           "-for-194-countries-2000-2016"),
)}
# The name rules code has always used.
REFERENCES: Final = BIBLIOGRAPHY
