"""The fixed world of the search relevance set (issue 13): short Moroccan news stories.

Most stories are in Arabic only, some in French only, some in both editions. They are written
as a newsroom writes (hamza, ة, ى, a little tashkeel, one tatweel, Arabic-Indic digits in a
few, clitics and pronoun suffixes, sound and broken plurals, French acronyms inside Arabic
copy; French with accents, elision, plurals and feminines), so that each query of
tests/test_search_relevance.py has articles it must find and articles it must not.

The words the queries are about are placed on purpose: when you add or edit a story, run the
consistency checks of tests/test_search_relevance.py (`-k TestTheWorld`), which list
every query whose expected articles the new text changes. The expected results are written
from these texts, never from what an engine returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

CASABLANCA = ZoneInfo("Africa/Casablanca")
# The clock of the test: after every story (all published in 2026) whatever today is.
NOW = datetime(2026, 12, 15, 12, 0, tzinfo=CASABLANCA)

SECTIONS = {
    "politique": ("سياسة", "Politique"),
    "economie": ("اقتصاد", "Économie"),
    "sport": ("رياضة", "Sport"),
    "societe": ("مجتمع", "Société"),
    "culture": ("ثقافة", "Culture"),
    "justice": ("قضاء", "Justice"),
    "sante": ("صحة", "Santé"),
    "education": ("تعليم", "Éducation"),
    "meteo": ("طقس", "Météo"),
    "regions": ("جهات", "Régions"),
}


@dataclass(frozen=True)
class Story:
    key: str
    published: datetime
    section: str
    ar: tuple[str, str, str] | None  # title, lead, body (HTML)
    fr: tuple[str, str, str] | None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code in ("ar", "fr") if getattr(self, code))

    def text(self, lang: str) -> tuple[str, str, str]:
        return getattr(self, lang) or ("", "", "")


def _story(key, when, section, ar=None, fr=None) -> Story:
    published = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=CASABLANCA)
    return Story(key, published, section, ar, fr)


STORIES: tuple[Story, ...] = (
    # --- politics ------------------------------------------------------------------------
    _story(
        "pol_interior_minister",
        "2026-02-03 11:00",
        "politique",
        ar=(
            "وزير الداخلية يبحث التحضير للانتخابات التشريعية",
            "عقد وزير الداخلية اجتماعا بالرباط مع قادة الأحزاب السياسية لمناقشة الاستحقاقات "
            "المقبلة.",
            "<p>وأكد الوزير أن الاقتراع سيجري في موعده المحدد، داعيا إلى تشجيع المواطنين "
            "الشباب على التسجيل.</p><p>وطالب عدد من الأحزاب بمراجعة تقطيع الدوائر قبل نهاية "
            "السنة.</p>",
        ),
    ),
    _story(
        "pol_tourism_minister",
        "2026-02-10 09:30",
        "politique",
        ar=(
            "خطة جديدة لإنعاش السياحة الداخلية",
            "أعلن وزير السياحة عن برنامج لدعم الأسر خلال العطلة الصيفية، مع تخفيضات في الفنادق.",
            "<p>وتراهن الخطة على السياحة الداخلية لتعويض تراجع الوافدين من الخارج.</p>"
            "<p>وقال الوزير إن العروض تشمل الشواطئ والجبال.</p>",
        ),
    ),
    _story(
        "pol_reversed",
        "2026-02-17 16:15",
        "politique",
        ar=(
            "تعديلات على القانون التنظيمي للجماعات الترابية",
            "صادق مجلس النواب على نص قانوني يعدّل التنظيم الإداري للجماعات، بعد نقاش طويل "
            "حول الرقابة الداخلية.",
            "<p>وقدّم النصَّ وزير العدل أمام لجنة التشريع.</p><p>ويمنح النص صلاحيات أوسع "
            "لمجالس الجماعات في تدبير الموارد.</p>",
        ),
    ),
    _story(
        "pol_parties_title_exact",
        "2026-01-20 10:00",
        "politique",
        ar=(
            "الأحزاب السياسية تطالب بتمويل عمومي أكبر",
            "طالبت الأحزاب الممثلة في البرلمان بمراجعة الدعم المخصص لحملاتها.",
            "<p>وترى قيادات المعارضة أن الدعم الحالي لا يكفي لتأطير الشباب.</p><p>وستعرض "
            "المطالب على الحكومة الشهر المقبل.</p>",
        ),
    ),
    _story(
        "pol_party_congress",
        "2026-03-05 18:40",
        "politique",
        ar=(
            "حزب التجمع يعقد مؤتمره الوطني في بوزنيقة",
            "انتخب المؤتمرون أمينا عاما جديدا للحزب بعد يومين من النقاش.",
            "<p>وصادق المؤتمر على أرضية سياسية تدعو إلى تقوية الطبقة الوسطى.</p><p>وحضر "
            "الجلسة الافتتاحية ضيوف من أوروبا وإفريقيا.</p>",
        ),
    ),
    _story(
        "pol_council",
        "2026-03-19 15:20",
        "politique",
        ar=(
            "مجلس الحكومة يصادق على مرسوم دعم السكن",
            "صادق مجلس الحكومة، المنعقد الخميس برئاسة رئيس الحكومة، على مرسوم يوسع برنامج "
            "الدعم المباشر للسكن.",
            "<p>وقدم الوزراء المعنيون حصيلة البرنامج في سنته الأولى.</p><p>وكان النواب قد "
            "انتقدوا، في جلسة سابقة، بطء صرف الدعم.</p><p>واستفادت منه أكثر من مئة ألف أسرة، "
            "حسب بلاغ رسمي.</p>",
        ),
    ),
    _story(
        "min_energy",
        "2026-05-07 12:10",
        "politique",
        ar=(
            "وزيرة الانتقال الطاقي تزور ورش الهيدروجين الأخضر",
            "زارت وزيرة الانتقال الطاقي موقع مشروع لإنتاج الهيدروجين الأخضر قرب كلميم.",
            "<p>ويهدف المشروع إلى تصدير الطاقة النظيفة نحو أوروبا ابتداء من ٢٠٣٠.</p><p>وأكدت "
            "الوزيرة أن المغرب يملك مؤهلات كبيرة في الطاقة الشمسية والريحية.</p>",
        ),
    ),
    _story(
        "pol_fr",
        "2026-02-04 13:00",
        "politique",
        fr=(
            "Législatives : le ministère de l'Intérieur consulte les partis",
            "Le ministre de l'Intérieur a réuni les partis pour préparer les élections de "
            "septembre.",
            "<p>Les formations politiques demandent une révision des listes électorales.</p>"
            "<p>Le scrutin se tiendra à la date prévue.</p>",
        ),
    ),
    _story(
        "elections_fr2",
        "2026-06-18 17:30",
        "politique",
        fr=(
            "Élections partielles à Tétouan",
            "Un scrutin partiel est organisé pour pourvoir un siège vacant à la Chambre.",
            "<p>Trois candidats sont en lice.</p><p>La campagne s'achève vendredi à minuit.</p>",
        ),
    ),
    _story(
        "budget",
        "2026-01-08 09:00",
        "politique",
        ar=(
            "قانون المالية ٢٠٢٦ يدخل حيز التنفيذ",
            "يتضمن القانون إجراءات جبائية جديدة لفائدة المقاولات الصغرى.",
            "<p>ويتوقع أن يبلغ عجز الميزانية ثلاثة في المئة من الناتج الداخلي الخام.</p>"
            "<p>وتراهن الحكومة على تحسن المداخيل الضريبية.</p>",
        ),
    ),
    _story(
        "survey",
        "2026-11-20 10:45",
        "economie",
        ar=(
            "نتائج أولية لمسح التشغيل برسم سنة 2026",
            "كشفت المندوبية السامية للتخطيط عن تراجع طفيف في معدل البطالة.",
            "<p>وسجل المسح تحسنا في تشغيل النساء بالوسط القروي.</p><p>غير أن البطالة ما "
            "زالت مرتفعة في صفوف حاملي الشهادات.</p>",
        ),
    ),
    # --- economy -------------------------------------------------------------------------
    _story(
        "eco_prices",
        "2026-02-12 08:15",
        "economie",
        ar=(
            "ارتفاع أسعار الخضر في الأسواق قبل رمضان",
            "سجلت أسعار الطماطم والبصل ارتفاعا ملحوظا في أسواق الجملة بالدار البيضاء.",
            "<p>وعزا التجار هذا الارتفاع إلى قلة العرض بعد موجة البرد.</p><p>ودعت جمعيات "
            "حماية المستهلك إلى تشديد المراقبة.</p>",
        ),
    ),
    _story(
        "eco_fuel_price",
        "2026-04-02 07:50",
        "economie",
        ar=(
            "سعر الغازوال يستقر في محطات الوقود",
            "استقر سعر الغازوال هذا الأسبوع بعد ثلاث زيادات متتالية.",
            "<p>ويتابع المهنيون تطور السعر في السوق الدولية عن كثب.</p><p>وتطالب نقابات "
            "النقل بدعم إضافي.</p>",
        ),
    ),
    _story(
        "eco_bank",
        "2026-08-11 16:00",
        "economie",
        ar=(
            "بنك المغرب يبقي على سعر الفائدة دون تغيير",
            "قرر مجلس بنك المغرب الإبقاء على سعر الفائدة في مستواه الحالي.",
            "<p>وتوقع البنك أن يتراجع التضخم إلى أقل من اثنين في المئة.</p><p>وأشار إلى تحسن "
            "الموسم الفلاحي بعد التساقطات الأخيرة.</p>",
        ),
    ),
    _story(
        "eco_ocp",
        "2026-01-28 11:30",
        "economie",
        ar=(
            "OCP يرفع إنتاجه من الأسمدة بالجرف الأصفر",
            "أعلن المجمع الشريف للفوسفاط OCP عن توسعة وحداته الصناعية بالجرف الأصفر.",
            "<p>وتستهدف التوسعة أسواق إفريقيا وأمريكا الجنوبية.</p><p>ويشغل الموقع آلاف "
            "العمال من جهة الدار البيضاء سطات.</p>",
        ),
    ),
    _story(
        "eco_ocp_safi",
        "2026-06-15 09:10",
        "economie",
        ar=(
            "ميناء آسفي يستقبل شحنات جديدة من الكبريت",
            "استقبل ميناء آسفي شحنات موجهة إلى مصانع OCP بالمدينة.",
            "<p>ويعد الميناء من أقدم موانئ المملكة.</p><p>ويرتقب أن تنطلق أشغال توسعته "
            "خلال السنة المقبلة.</p>",
        ),
    ),
    _story(
        "safi_fish",
        "2026-10-11 06:30",
        "economie",
        ar=(
            "أسعار السردين تنخفض في ميناء آسفي",
            "انخفض سعر السردين بعد عودة قوارب الصيد إلى البحر.",
            "<p>ويأمل البحارة في موسم أفضل بعد فترة الراحة البيولوجية.</p>",
        ),
    ),
    _story(
        "eco_ocp_fr",
        "2026-06-20 10:00",
        "economie",
        fr=(
            "L'OCP investit dans l'hydrogène vert",
            "Le groupe OCP annonce un programme d'investissement dans l'ammoniac vert à Jorf "
            "Lasfar.",
            "<p>Les premières unités doivent entrer en service en 2027.</p><p>Le phosphate "
            "reste le cœur de son activité.</p>",
        ),
    ),
    _story(
        "eco_tangier_med",
        "2026-07-02 14:00",
        "economie",
        ar=(
            "ميناء طنجة المتوسط يحطم رقما قياسيا",
            "عالج ميناء طنجة المتوسط أكثر من عشرة ملايين حاوية خلال النصف الأول من السنة.",
            "<p>ويعزى هذا الأداء إلى توسعة الأرصفة الجديدة.</p><p>ويربط الميناء المغرب "
            "بأكثر من مئة وثمانين ميناء في العالم.</p>",
        ),
        fr=(
            "Tanger Med bat un nouveau record",
            "Le port de Tanger Med a traité plus de dix millions de conteneurs au premier "
            "semestre.",
            "<p>Les nouveaux quais expliquent cette performance.</p>",
        ),
    ),
    _story(
        "eco_cars_fr",
        "2026-05-19 11:20",
        "economie",
        fr=(
            "L'usine Renault de Melloussa augmente sa production",
            "Le site, près de Tanger, produira une nouvelle berline électrique.",
            "<p>Le constructeur vise 400 000 véhicules par an.</p><p>Les sous-traitants "
            "marocains s'organisent pour suivre la cadence.</p>",
        ),
    ),
    _story(
        "agri_olive",
        "2026-11-10 08:00",
        "economie",
        ar=(
            "انطلاق موسم جني الزيتون بجهة فاس مكناس",
            "يتوقع المهنيون إنتاجا وفيرا من زيت الزيتون هذا الموسم.",
            "<p>وارتفع سعر اللتر في الأسواق المحلية بعد موسمين من الجفاف.</p>",
        ),
    ),
    # --- sport ---------------------------------------------------------------------------
    _story(
        "sp_can",
        "2026-01-05 19:00",
        "sport",
        ar=(
            "المنتخب المغربي يستعد لنصف نهائي CAN 2025",
            "يخوض أسود الأطلس حصة تدريبية أخيرة بملعب الأمير مولاي عبد الله بالرباط.",
            "<p>وأكد المدرب أن اللاعبين في كامل جاهزيتهم.</p><p>ويتوقع أن يحضر المباراة "
            "أكثر من ستين ألف متفرج.</p>",
        ),
    ),
    _story(
        "sp_worldcup",
        "2026-06-12 13:00",
        "sport",
        ar=(
            "المغرب يستعد لاحتضان كأس العالم 2030",
            "تتواصل أشغال بناء الملاعب الكبرى استعدادا لكأس العالم التي ينظمها المغرب مع "
            "إسبانيا والبرتغال.",
            "<p>وأكدت FIFA رضاها عن تقدم الأشغال في ملعب الحسن الثاني ببنسليمان.</p>"
            "<p>ويرتقب أن يتسع الملعب الجديد لأكثر من مئة ألف متفرج.</p>",
        ),
    ),
    _story(
        "tourism_2030",
        "2026-01-24 10:30",
        "economie",
        ar=(
            "رؤية ٢٠٣٠ للسياحة: هدف ستة وعشرين مليون سائح",
            "تراهن الحكومة على استقطاب الزوار بمناسبة كأس العالم.",
            "<p>وتشمل الخطة تأهيل الفنادق وتكوين العاملين في القطاع.</p>",
        ),
    ),
    _story(
        "sp_worldcup_fr",
        "2026-06-13 09:00",
        "sport",
        fr=(
            "Mondial 2030 : le grand stade de Benslimane avance",
            "Les travaux du futur plus grand stade de la planète progressent, selon la FIFA.",
            "<p>La Coupe du monde 2030 sera organisée par le Maroc, l'Espagne et le "
            "Portugal.</p><p>Le stade doit accueillir 115 000 spectateurs.</p>",
        ),
    ),
    _story(
        "sp_throne_cup",
        "2026-05-30 23:10",
        "sport",
        ar=(
            "الجيش الملكي يتوج بكأس العرش",
            "فاز الجيش الملكي على الرجاء في نهائي كأس العرش بهدفين دون رد.",
            "<p>وقال مدرب الفريق إن ناديه يطمح إلى منافسة أفضل أندية العالم.</p><p>واحتفل "
            "المشجعون في شوارع الرباط حتى ساعة متأخرة.</p>",
        ),
    ),
    _story(
        "sp_cup_fr",
        "2026-05-31 10:00",
        "sport",
        fr=(
            "L'AS FAR remporte la Coupe du Trône",
            "Les militaires ont dominé le Raja en finale.",
            "<p>Le club veut désormais rivaliser avec les meilleurs du monde.</p>",
        ),
    ),
    _story(
        "sp_athlete_fr",
        "2026-08-20 21:00",
        "sport",
        fr=(
            "Une athlète marocaine en finale du 3000 m steeple",
            "La sportive de Fès s'est qualifiée avec le meilleur temps des séries.",
            "<p>Elle devient la première Marocaine à atteindre ce niveau depuis 2016.</p>"
            "<p>Sa fédération salue un travail de plusieurs années.</p>",
        ),
    ),
    _story(
        "sp_club_fr",
        "2026-09-14 12:00",
        "sport",
        fr=(
            "Le club sportif de Tétouan recrute",
            "Le Moghreb de Tétouan annonce trois recrues avant la reprise du championnat.",
            "<p>Le directeur sportif évoque un projet à long terme.</p><p>Les supporters "
            "attendent un retour en première division.</p>",
        ),
    ),
    _story(
        "sp_players",
        "2026-09-02 17:45",
        "sport",
        ar=(
            "عودة ثلاثة لاعبين مصابين إلى التداريب",
            "استعاد الوداد خدمات لاعبيه الثلاثة بعد فترة علاج طويلة.",
            "<p>وأكد الطاقم الطبي أن اللاعبين تجاوزوا الإصابة.</p><p>ويستعد الفريق "
            "لمواجهة الفتح الرياضي بملعبه السبت المقبل.</p>",
        ),
    ),
    _story(
        "sp_tangier_stadium",
        "2026-10-08 20:30",
        "sport",
        ar=(
            "ملعب طنجة الكبير يحتضن مباراة ودية دولية",
            "يستقبل ملعب ابن بطوطة بطنـــجة مباراة ودية بين المنتخب المغربي ونظيره البرازيلي.",
            "<p>ونفدت التذاكر في أقل من ساعة.</p><p>وجرى تجديد أرضية الملعب وفق معايير FIFA.</p>",
        ),
    ),
    # --- society -------------------------------------------------------------------------
    _story(
        "soc_school_theirs",
        "2026-09-21 10:00",
        "societe",
        ar=(
            "تلاميذ دوار أيت حمو يعودون إلى مدرستهم بعد الترميم",
            "عاد أطفال الدوار إلى الدراسة بعد أشهر من أشغال الإصلاح التي أعقبت الزلزال.",
            "<p>وقال أحد الآباء إن الأقسام أصبحت أكثر أمانا.</p><p>وتكفلت جمعية محلية "
            "بتوفير النقل للتلاميذ القادمين من الدواوير البعيدة.</p>",
        ),
    ),
    _story(
        "soc_schools_rural",
        "2026-09-10 11:00",
        "education",
        ar=(
            "برنامج لبناء مدارس جماعاتية في العالم القروي",
            "أعلنت الوزارة عن بناء خمسين مدرسة جماعاتية للحد من الانقطاع عن الدراسة.",
            "<p>وتضم كل مدرسة داخلية ومطعما لفائدة التلاميذ.</p><p>ويستفيد من المشروع أكثر "
            "من عشرين ألف طفل.</p>",
        ),
    ),
    _story(
        "soc_school_reform",
        "2026-10-01 09:30",
        "education",
        ar=(
            "إصلاح المدرسة العمومية يدخل مرحلة التعميم",
            "قررت وزارة التربية الوطنية تعميم نموذج مدارس الريادة على المؤسسات التعليمية.",
            "<p>ويعتمد النموذج على تقوية التعلمات الأساسية في القراءة والحساب.</p><p>ويرى "
            "خبراء أن نجاح الإصلاح مرتبط بتكوين الأساتذة.</p>",
        ),
    ),
    _story(
        "soc_children",
        "2026-06-01 12:00",
        "societe",
        ar=(
            "حملة وطنية لحماية الأطفال من مخاطر الإنترنت",
            "أطلقت هيئة حكومية حملة توعوية لفائدة الآباء حول استعمال الأطفال للشاشات.",
            "<p>وتدعو الحملة إلى مرافقة الطفل في استعمال الهاتف.</p><p>كما تشمل ورشات في "
            "دور الشباب.</p>",
        ),
    ),
    _story(
        "soc_citizens",
        "2026-04-20 18:00",
        "societe",
        ar=(
            "المواطنون يشتكون من ضعف النقل الحضري بالدار البيضاء",
            "يعاني آلاف المواطنين يوميا من الاكتظاظ في الحافلات وتأخر الترامواي.",
            "<p>وقال مسؤول بشركة النقل إن حافلات جديدة ستدخل الخدمة قريبا.</p><p>ويطالب "
            "السكان بتوسيع خطوط الترامواي نحو الأحياء الشرقية.</p>",
        ),
    ),
    _story(
        "soc_house_apart",
        "2026-04-25 11:00",
        "societe",
        ar=(
            "افتتاح دار جديدة للشباب بمكناس",
            "دشنت السلطات المحلية الدار الجديدة المخصصة للشباب، وتطل واجهتها البيضاء على "
            "حديقة عمومية.",
            "<p>وتضم الدار قاعات للمطالعة والمسرح والموسيقى.</p><p>وستستقبل الشباب طيلة "
            "أيام الأسبوع.</p>",
        ),
    ),
    # --- health --------------------------------------------------------------------------
    _story(
        "h_strike",
        "2026-03-02 08:00",
        "sante",
        ar=(
            "إضراب الأطباء يشل المستشفيات العمومية",
            "دخل أطباء القطاع العام في إضراب وطني لمدة ثلاثة أيام للمطالبة بتحسين ظروف العمل.",
            "<p>واستثنى الإضراب أقسام المستعجلات والإنعاش.</p><p>وقال مسؤول نقابي إن الحوار "
            "مع الوزارة متوقف منذ أشهر.</p>",
        ),
    ),
    _story(
        "h_hospital",
        "2026-07-15 10:00",
        "sante",
        ar=(
            "افتتاح مستشفى جديد بأكادير",
            "دُشِّن بأكادير مستشفى بطاقة استيعابية تفوق ثمانمائة سرير.",
            "<p>ويضم المستشفى قسما لعلاج السرطان.</p><p>وسيخفف الضغط عن مستشفيات جهة سوس ماسة.</p>",
        ),
    ),
    _story(
        "h_caravan",
        "2026-02-22 13:00",
        "sante",
        ar=(
            "قافلة طبية تجوب دواوير إقليم أزيلال",
            "قدمت قافلة طبية متعددة التخصصات خدماتها لأكثر من ألفي مريض.",
            "<p>وشارك في القافلة أطباء وممرضون متطوعون.</p><p>وتم توزيع الأدوية مجانا على "
            "المستفيدين.</p>",
        ),
    ),
    _story(
        "h_hospitals_both",
        "2026-07-16 09:00",
        "sante",
        ar=(
            "وزارة الصحة تطلق برنامج تأهيل المستشفيات الإقليمية",
            "يشمل البرنامج تجديد التجهيزات في ثلاثين مستشفى إقليميا.",
            "<p>وستعطى الأولوية لأقسام الولادة والمستعجلات.</p>",
        ),
        fr=(
            "Trente hôpitaux provinciaux rénovés",
            "Le ministère de la Santé lance la mise à niveau des hôpitaux de province.",
            "<p>Les maternités et les urgences passent en priorité.</p><p>Chaque hôpital "
            "recevra de nouveaux équipements.</p>",
        ),
    ),
    _story(
        "h_agadir_fr",
        "2026-02-26 15:00",
        "sante",
        fr=(
            "L'hôpital d'Agadir ouvre des urgences pédiatriques",
            "Le centre hospitalier d'Agadir inaugure un service attendu par les familles.",
            "<p>Les parents de la région réclamaient ce service depuis des années.</p>"
            "<p>Quarante médecins y seront affectés.</p>",
        ),
    ),
    # --- education -----------------------------------------------------------------------
    _story(
        "edu_univ",
        "2026-10-15 08:30",
        "education",
        ar=(
            "الجامعة المغربية تستقبل أكثر من مليون طالب",
            "انطلق الموسم الجامعي بتسجيل عدد قياسي من الطلبة في مختلف الجامعات.",
            "<p>وتعاني بعض الكليات من الاكتظاظ في المدرجات.</p><p>وتعد الوزارة بإحداث أحياء "
            "جامعية جديدة.</p>",
        ),
    ),
    _story(
        "edu_univ_fr",
        "2026-10-16 10:00",
        "education",
        fr=(
            "L'université Mohammed V ouvre un campus numérique",
            "L'université lance des cours en ligne pour les étudiants de Rabat et de Salé.",
            "<p>Les cours hybrides concernent d'abord les masters.</p><p>L'établissement veut "
            "réduire l'affluence dans les amphithéâtres.</p>",
        ),
    ),
    _story(
        "edu_school_fr",
        "2026-09-08 09:00",
        "education",
        fr=(
            "Rentrée : l'école publique accueille huit millions d'élèves",
            "La rentrée scolaire s'est déroulée dans le calme, selon le ministère de "
            "l'Éducation nationale.",
            "<p>Les écoles pionnières sont désormais 4 600.</p><p>Les parents d'élèves "
            "réclament plus d'enseignants.</p>",
        ),
    ),
    _story(
        "edu_code_fr",
        "2026-05-12 16:00",
        "education",
        fr=(
            "Une école de codage gratuite à Casablanca",
            "Une école de programmation ouvre ses portes aux jeunes de Casablanca sans "
            "condition de diplôme.",
            "<p>La formation dure deux ans.</p><p>Les premiers diplômés seront accompagnés "
            "vers l'emploi.</p>",
        ),
    ),
    _story(
        "edu_teachers",
        "2026-11-03 12:30",
        "education",
        ar=(
            "الأساتذة يحتجون أمام البرلمان",
            "نظم مئات الأساتذة وقفة احتجاجية بالرباط للمطالبة بتسوية وضعيتهم الإدارية.",
            "<p>ورفع المحتجون شعارات تطالب بالحوار.</p><p>وأكدت النقابات أنها ستواصل الاحتجاج.</p>",
        ),
    ),
    # --- culture -------------------------------------------------------------------------
    _story(
        "cul_fest_marrakech",
        "2026-11-28 20:00",
        "culture",
        ar=(
            "مهرجان مراكش الدولي للفيلم يكرم السينما المغربية",
            "افتتحت بمراكش الدورة الجديدة من المهرجان الدولي للفيلم بحضور نجوم عالميين.",
            "<p>وتتنافس أربعة عشر فيلما على النجمة الذهبية.</p><p>ويكرم المهرجان هذه السنة "
            "مخرجين من إفريقيا.</p>",
        ),
        fr=(
            "Le Festival international du film de Marrakech s'ouvre",
            "La nouvelle édition du festival de Marrakech rend hommage au cinéma africain.",
            "<p>Quatorze films sont en compétition.</p><p>Des stars internationales ont foulé "
            "le tapis rouge.</p>",
        ),
    ),
    _story(
        "cul_fest_gnaoua",
        "2026-06-26 19:00",
        "culture",
        ar=(
            "مهرجان كناوة يعود إلى الصويرة",
            "تحتضن الصويرة الدورة الجديدة من مهرجان كناوة وموسيقى العالم.",
            "<p>ويشارك في المهرجان فنانون من مالي والسنغال والبرازيل.</p><p>وتنظم الحفلات "
            "في ساحة مولاي الحسن مجانا.</p>",
        ),
    ),
    _story(
        "cul_festivals",
        "2026-03-15 10:00",
        "culture",
        ar=(
            "مهرجانات الصيف تنعش الحركة السياحية في المدن الساحلية",
            "تستعد عدة مهرجانات لاستقبال جمهورها في الحسيمة والسعيدية وأصيلة.",
            "<p>وتراهن الجماعات المحلية على هذه التظاهرات لجذب الزوار.</p><p>غير أن بعض "
            "المهرجانات تعاني من ضعف التمويل.</p>",
        ),
    ),
    _story(
        "cul_fest_popular",
        "2026-04-10 21:00",
        "culture",
        ar=(
            "مهرجان الفنون الشعبية يضيء ليالي مراكش",
            "يشارك أكثر من خمسمائة فنان في الدورة الجديدة من المهرجان الوطني للفنون الشعبية.",
            "<p>وتقدم الفرق عروضها في قصر البديع.</p><p>ويعد المهرجان من أقدم التظاهرات "
            "الثقافية بالمغرب.</p>",
        ),
    ),
    _story(
        "cul_fest_fes",
        "2026-05-22 18:00",
        "culture",
        ar=(
            "فاس تحتضن مهرجان الموسيقى الروحية",
            "تنطلق الجمعة فعاليات الدورة الجديدة من مهرجان فاس للموسيقى العريقة.",
            "<p>ويحيي الحفل الافتتاحي فنانون من الهند وتركيا.</p><p>وتقام الأمسيات في باب "
            "الماكينة.</p>",
        ),
    ),
    _story(
        "cul_carpet",
        "2026-08-05 11:00",
        "culture",
        ar=(
            "الزربية الأمازيغية تخطف الأنظار في معرض الصناعة التقليدية",
            "عرضت تعاونيات نسائية من تازناخت زرابي يدوية بألوان طبيعية.",
            "<p>وتطالب الحرفيات بحماية الزربية من التقليد الصناعي.</p><p>وبلغت المبيعات "
            "مستويات غير مسبوقة.</p>",
        ),
        fr=(
            "Le tapis amazigh à l'honneur au salon de l'artisanat",
            "Des coopératives de Taznakht exposent des pièces tissées à la main.",
            "<p>Les artisanes demandent une protection contre les copies industrielles.</p>",
        ),
    ),
    _story(
        "cul_fest_fr2",
        "2026-06-27 12:00",
        "culture",
        fr=(
            "Essaouira vibre au rythme des festivals de l'été",
            "Gnaoua, Printemps musical : les festivals se succèdent dans la cité des alizés.",
            "<p>Les hôtels affichent complet.</p><p>La ville accueille des musiciens du monde "
            "entier.</p>",
        ),
    ),
    _story(
        "cul_book",
        "2026-02-14 10:00",
        "culture",
        ar=(
            "المعرض الدولي للنشر والكتاب يفتح أبوابه بالرباط",
            "يستقبل المعرض أكثر من سبعمائة عارض من خمسين دولة.",
            "<p>وتحل فرنسا ضيف شرف على هذه الدورة.</p><p>وتنظم ندوات حول القراءة لدى الشباب.</p>",
        ),
        fr=(
            "Le Salon du livre de Rabat ouvre ses portes",
            "Plus de 700 exposants de cinquante pays sont attendus.",
            "<p>La France est l'invitée d'honneur de cette édition.</p>",
        ),
    ),
    _story(
        "oujda_singer",
        "2026-01-30 22:00",
        "culture",
        ar=(
            "الفنان مصطفى الصغير يحيي حفلا بوجدة",
            "أحيا الفنان مصطفى الصغير حفلا موسيقيا بمسرح محمد السادس بوجدة.",
            "<p>وغنى مصطفى أشهر أغاني الراي أمام جمهور غفير.</p>",
        ),
    ),
    # --- justice -------------------------------------------------------------------------
    _story(
        "jus_court",
        "2026-03-28 14:00",
        "justice",
        ar=(
            "محاكمة مسؤولين سابقين في قضية تبديد أموال عمومية",
            "مثل أمام غرفة الجنايات بالدار البيضاء خمسة مسؤولين سابقين بجماعة ترابية.",
            "<p>وتتابع النيابة العامة المتهمين بتهم الاختلاس والتزوير.</p><p>وأجلت المحكمة "
            "الجلسة إلى الشهر المقبل.</p>",
        ),
        fr=(
            "Procès de cinq anciens élus pour dilapidation de deniers publics",
            "La chambre criminelle a renvoyé l'audience au mois prochain.",
            "<p>Le parquet poursuit les accusés pour détournement et faux.</p>",
        ),
    ),
    _story(
        "jus_authority",
        "2026-09-17 11:00",
        "justice",
        ar=(
            "هيئة النزاهة تنشر تقريرها السنوي حول الفساد",
            "كشفت الهيئة الوطنية للنزاهة، وهي مؤسسة دستورية، عن تراجع طفيف في مؤشر إدراك الفساد.",
            "<p>وأوصى التقرير بتعزيز حماية المبلغين.</p><p>ودعا رئيس الهيئة إلى رقمنة "
            "الصفقات العمومية.</p>",
        ),
        fr=(
            "L'instance de probité publie son rapport annuel",
            "Le rapport note un léger recul de la corruption perçue.",
            "<p>Il recommande la dématérialisation des marchés publics.</p>",
        ),
    ),
    _story(
        "jus_scam",
        "2026-07-25 17:00",
        "justice",
        ar=(
            "تفكيك شبكة للنصب عبر الإنترنت",
            "أوقفت المصالح الأمنية بطنجة أربعة أشخاص يشتبه في تورطهم في عمليات احتيال إلكتروني.",
            "<p>وكان المشتبه فيهم يستدرجون ضحاياهم عبر إعلانات وهمية.</p><p>وحجزت الشرطة "
            "حواسيب وهواتف.</p>",
        ),
    ),
    _story(
        "rk_old",
        "2026-03-07 09:00",
        "justice",
        ar=(
            "توقيف مروج للأقراص المهلوسة بسلا",
            "أوقفت عناصر الشرطة شابا في حوزته كمية من الأقراص.",
            "<p>وفتح بحث قضائي تحت إشراف النيابة العامة.</p>",
        ),
    ),
    _story(
        "rk_new",
        "2026-09-30 09:00",
        "justice",
        ar=(
            "توقيف مروج للأقراص المهلوسة بمكناس",
            "أوقفت عناصر الشرطة شابا في حوزته كمية من الأقراص.",
            "<p>وفتح بحث قضائي تحت إشراف النيابة العامة.</p>",
        ),
    ),
    _story(
        "fr_drugs_old",
        "2026-03-10 10:00",
        "justice",
        fr=(
            "Saisie de cannabis au port de Nador",
            "Les douaniers ont intercepté un camion frigorifique.",
            "<p>Le chauffeur a été placé en garde à vue.</p>",
        ),
    ),
    _story(
        "fr_drugs_new",
        "2026-10-05 10:00",
        "justice",
        fr=(
            "Saisie de cannabis au port d'Al Hoceima",
            "Les douaniers ont intercepté un camion frigorifique.",
            "<p>Le chauffeur a été placé en garde à vue.</p>",
        ),
    ),
    # --- weather -------------------------------------------------------------------------
    _story(
        "wx_rain1",
        "2026-01-12 07:00",
        "meteo",
        ar=(
            "أمطار غزيرة تعم شمال المملكة",
            "شهدت طنجة وتطوان تساقط أمطار قوية خلال الليلة الماضية.",
            "<p>وأعلنت السلطات تعليق الدراسة في بعض المؤسسات.</p><p>وتوقعت مديرية الأرصاد "
            "استمرار التساقطات.</p>",
        ),
        fr=(
            "Fortes pluies dans le nord : Tanger sous l'eau",
            "Des pluies torrentielles ont inondé plusieurs quartiers de Tanger.",
            "<p>Les écoles sont restées fermées mardi.</p><p>D'autres averses sont attendues.</p>",
        ),
    ),
    _story(
        "wx_rain2",
        "2026-02-08 08:00",
        "meteo",
        ar=(
            "الأمطار الأخيرة تنعش آمال الفلاحين",
            "ساهمت الأمطار في رفع حقينة السدود إلى أكثر من خمسين في المئة.",
            "<p>ويتوقع المهنيون موسما فلاحيا جيدا في سهول سايس والغرب.</p><p>كما تحسنت "
            "المراعي في الجنوب الشرقي.</p>",
        ),
    ),
    _story(
        "wx_floods",
        "2026-02-18 19:00",
        "meteo",
        ar=(
            "الفيضانات تعزل دواوير في إقليم تاونات",
            "تسببت السيول في قطع الطرق وعزل مئات الأسر.",
            "<p>وتدخلت فرق الإنقاذ لإجلاء السكان.</p><p>وتضررت أشجار الزيتون في عدة مناطق.</p>",
        ),
    ),
    _story(
        "wx_heat",
        "2026-08-01 13:00",
        "meteo",
        ar=(
            "موجة حر تضرب مراكش وبني ملال",
            "توقعت المديرية العامة للأرصاد الجوية ارتفاع الحرارة إلى ٤٦ درجة.",
            "<p>ودعت السلطات المواطنين إلى تجنب التعرض للشمس.</p><p>وارتفع الطلب على "
            "الكهرباء إلى مستوى قياسي.</p>",
        ),
        fr=(
            "Canicule : jusqu'à 46 degrés attendus",
            "La météo nationale place plusieurs provinces en alerte rouge.",
            "<p>Les autorités recommandent d'éviter de sortir aux heures chaudes.</p>",
        ),
    ),
    _story(
        "wx_rain_fr2",
        "2026-02-09 09:00",
        "meteo",
        fr=(
            "Les pluies remplissent les barrages",
            "Les dernières pluies ont porté le taux de remplissage au-dessus de 50 %.",
            "<p>Les agriculteurs du Saïss espèrent une bonne campagne.</p>",
        ),
    ),
    # --- Sahara --------------------------------------------------------------------------
    _story(
        "sah_dakhla",
        "2026-04-06 10:00",
        "regions",
        ar=(
            "الداخلة تستعد لاحتضان منتدى الاستثمار الإفريقي",
            "يلتقي في الداخلة مستثمرون من ثلاثين دولة لبحث فرص الشراكة في الصيد البحري "
            "والطاقات المتجددة.",
            "<p>وسيعرض خلال المنتدى مشروع الميناء الأطلسي الجديد.</p><p>ويرتقب توقيع "
            "اتفاقيات بمليارات الدراهم.</p>",
        ),
        fr=(
            "Dakhla accueille un forum africain de l'investissement",
            "Des investisseurs de trente pays se réunissent dans la perle du Sud.",
            "<p>Le futur port atlantique y sera présenté.</p>",
        ),
    ),
    _story(
        "sah_laayoune",
        "2026-05-03 12:00",
        "regions",
        ar=(
            "العيون: تدشين محطة لتحلية مياه البحر",
            "دشنت بالعيون محطة جديدة لتحلية مياه البحر لتأمين حاجيات الساكنة من الماء الشروب.",
            "<p>وتبلغ طاقة المحطة ستة وعشرين مليون متر مكعب سنويا.</p><p>ويدخل المشروع ضمن "
            "برنامج تنمية الأقاليم الجنوبية.</p>",
        ),
    ),
    # --- COP22, Marrakech --------------------------------------------------------------------
    _story(
        "cop_anniv",
        "2026-11-07 10:00",
        "regions",
        ar=(
            "عشر سنوات بعد COP22: مراكش تقيم حصيلة التزاماتها المناخية",
            "نظمت جمعيات محلية بمراكش لقاء لتقييم ما تحقق منذ مؤتمر الأطراف سنة 2016.",
            "<p>وأشار المتدخلون إلى تقدم مشاريع الطاقة الشمسية.</p><p>غير أنهم نبهوا إلى "
            "تفاقم الإجهاد المائي في المدينة.</p>",
        ),
    ),
    _story(
        "cop_green",
        "2026-11-15 09:00",
        "regions",
        ar=(
            "مؤتمر دولي حول البيئة والمناخ في مراكش",
            "يناقش خبراء من أربعين دولة سبل تمويل التكيف مع التغيرات المناخية.",
            "<p>ويستحضر المنظمون إرث COP22 الذي احتضنته المدينة الحمراء.</p><p>وتختتم "
            "الأشغال بإعلان مراكش للمناخ.</p>",
        ),
    ),
    _story(
        "cop_only",
        "2026-03-11 10:00",
        "regions",
        ar=(
            "خبراء: التزامات COP22 لم تتحقق بالكامل",
            "يرى باحثون في المناخ أن التمويل الموعود للدول الإفريقية ما زال بعيدا.",
            "<p>ويطالبون بآليات متابعة أكثر صرامة.</p>",
        ),
    ),
    _story(
        "cop_both",
        "2026-11-08 11:00",
        "regions",
        ar=(
            "جمعيات تقيّم التزامات المغرب المناخية",
            "قدمت جمعيات محلية تقييمها لسياسات المناخ بعد عشر سنوات.",
            "<p>وأشادت بالتقدم في الطاقات المتجددة.</p>",
        ),
        fr=(
            "Dix ans après la COP22, Marrakech fait le bilan",
            "Des associations ont évalué à Marrakech les engagements pris en 2016.",
            "<p>La transition énergétique avance, mais le stress hydrique s'aggrave.</p>",
        ),
    ),
    _story(
        "energy_fr",
        "2026-09-25 10:00",
        "economie",
        fr=(
            "Le gouvernement mise sur l'efficacité énergétique",
            "Un plan d'efficacité énergétique vise les bâtiments publics.",
            "<p>La transition vers des bâtiments sobres prendra dix ans.</p><p>Le "
            "gouvernement prévoit des aides aux ménages.</p>",
        ),
    ),
    # --- Casablanca, Rabat, Tangier and the trains -------------------------------------------
    _story(
        "casa_tram",
        "2026-10-20 08:00",
        "regions",
        ar=(
            "الدار البيضاء: خط جديد للترامواي يدخل الخدمة",
            "دخل الخط الرابع للترامواي بالدار البيضاء حيز الخدمة بعد سنتين من الأشغال.",
            "<p>ويربط الخط وسط المدينة بالأحياء الجنوبية.</p>",
        ),
        fr=(
            "Casablanca : une nouvelle ligne de tramway",
            "La quatrième ligne du tramway de Casablanca est entrée en service.",
            "<p>Elle relie le centre-ville aux quartiers sud.</p>",
        ),
    ),
    _story(
        "casa_greater",
        "2026-05-27 10:00",
        "regions",
        ar=(
            "مشاريع كبرى لتأهيل الدار البيضاء الكبرى",
            "تعرف العاصمة الاقتصادية أوراشا لتهيئة الكورنيش وتوسيع الطرق.",
            "<p>وتقدر كلفة الأشغال بملايير الدراهم.</p><p>ويأمل السكان أن تنتهي قبل 2030.</p>",
        ),
    ),
    _story(
        "casa_fr",
        "2026-03-03 10:00",
        "regions",
        fr=(
            "Casablanca : le gouvernement lance la rénovation de l'ancienne médina",
            "Le chantier doit durer trois ans.",
            "<p>Les commerçants seront relogés provisoirement.</p><p>Les habitants de "
            "Casablanca saluent le projet.</p>",
        ),
    ),
    _story(
        "rabat_river",
        "2026-06-05 10:00",
        "regions",
        ar=(
            "الرباط: تهيئة ضفتي أبي رقراق تدخل مرحلتها الأخيرة",
            "تقترب أشغال تهيئة ضفتي وادي أبي رقراق بين الرباط وسلا من نهايتها.",
            "<p>ويشمل المشروع ممرات للراجلين ومساحات خضراء.</p>",
        ),
    ),
    _story(
        "rabat_buses",
        "2026-07-20 10:00",
        "regions",
        ar=(
            "والي جهة الرباط يعلن عن حافلات كهربائية",
            "تدخل الحافلات الكهربائية الجديدة الخدمة في العاصمة خلال الصيف.",
            "<p>وستغطي الشبكة أحياء الرباط وسلا وتمارة.</p>",
        ),
    ),
    _story(
        "rabat_fr",
        "2026-07-21 10:00",
        "regions",
        fr=(
            "Rabat : des bus électriques dès cet été",
            "La capitale met en service une flotte de bus électriques.",
            "<p>Le réseau desservira Rabat, Salé et Témara.</p>",
        ),
    ),
    _story(
        "tech_fair",
        "2026-10-30 10:00",
        "economie",
        ar=(
            "الرباط تحتضن معرضا للتكنولوجيا المالية",
            "تعرض شركات ناشئة مغربية حلولا للأداء عبر الهاتف.",
            "<p>ويعرف قطاع التكنولوجيا نموا متسارعا في المغرب.</p>",
        ),
    ),
    _story(
        "train_boraq",
        "2026-04-15 10:00",
        "economie",
        ar=(
            "ONCF: قطار البراق ينقل خمسة ملايين مسافر",
            "أعلن المكتب الوطني للسكك الحديدية ONCF أن القطار فائق السرعة بين طنجة والدار "
            "البيضاء حقق رقما قياسيا.",
            "<p>ويستعد المكتب لتمديد الخط نحو مراكش.</p><p>وستشيد محطة جديدة قرب المطار.</p>",
        ),
    ),
    _story(
        "train_fes",
        "2026-09-28 10:00",
        "economie",
        ar=(
            "ONCF يعزز رحلاته بين فاس ووجدة",
            "قرر المكتب الوطني للسكك الحديدية زيادة عدد القطارات خلال العطلة.",
            "<p>وتم تجديد محطة فاس لاستقبال المسافرين في ظروف أفضل.</p>",
        ),
    ),
    _story(
        "train_agadir",
        "2026-10-26 10:00",
        "economie",
        ar=(
            "دراسة لربط أكادير بشبكة البراق",
            "أطلقت الحكومة دراسة لتمديد خط القطار فائق السرعة جنوبا.",
            "<p>وستعرض نتائج الدراسة خلال السنة المقبلة.</p>",
        ),
    ),
    _story(
        "train_fr",
        "2026-04-16 10:00",
        "economie",
        fr=(
            "L'ONCF transporte cinq millions de voyageurs à bord d'Al Boraq",
            "Le train à grande vitesse entre Tanger et Casablanca bat ses records.",
            "<p>L'Office prépare l'extension de la ligne vers Marrakech.</p>",
        ),
    ),
    # --- other regions ---------------------------------------------------------------------
    _story(
        "chef_tourists",
        "2026-05-16 10:00",
        "regions",
        ar=(
            "شفشاون تستقبل أعدادا قياسية من السياح",
            "تشهد المدينة الزرقاء إقبالا كبيرا خلال عطلة الربيع.",
            "<p>وامتلأت الفنادق ودور الضيافة بالكامل.</p><p>ويشتكي السكان من الضغط على "
            "الماء في شفشاون.</p>",
        ),
    ),
    _story(
        "chef_fire",
        "2026-08-14 10:00",
        "regions",
        ar=(
            "حريق غابوي بنواحي شفشاون",
            "أتت النيران على عشرات الهكتارات من غابات الأرز والصنوبر.",
            "<p>وتدخلت طائرات كنادير لإخماد الحريق.</p>",
        ),
    ),
    _story(
        "agadir_port",
        "2026-03-21 10:00",
        "regions",
        ar=(
            "ميناء أكادير يستقبل أول رحلة بحرية سياحية للموسم",
            "رست بميناء أكادير سفينة سياحية تقل ألفي سائح أوروبي.",
            "<p>وتأمل السلطات أن تستقبل المدينة ثلاثين رحلة هذه السنة.</p>",
        ),
    ),
    _story(
        "governor",
        "2026-06-09 10:00",
        "regions",
        ar=(
            "تعيين عامل جديد على إقليم الحسيمة",
            "عين عامل جديد على إقليم الحسيمة خلفا لسلفه الذي أحيل على التقاعد.",
            "<p>ويتعلق الأمر بمصطفى العلوي، الذي شغل سابقا منصب كاتب عام للعمالة.</p>",
        ),
    ),
    _story(
        "rk_argan_title",
        "2026-02-25 10:00",
        "regions",
        ar=(
            "تعاونيات الأركان تطور منتجاتها",
            "تراهن النساء القرويات في سوس على تثمين المنتوج المحلي.",
            "<p>وتصدر التعاونيات منتجاتها إلى أوروبا وآسيا.</p>",
        ),
    ),
    _story(
        "rk_argan_body",
        "2026-10-22 10:00",
        "regions",
        ar=(
            "معرض للمنتجات المحلية بتيزنيت",
            "يعرض حرفيون من الجهة منتجات الفضة والجلد.",
            "<p>كما يشارك منتجو العسل وزيت الأركان.</p>",
        ),
    ),
    _story(
        "rk_phos_title",
        "2026-02-20 10:00",
        "economie",
        ar=(
            "صادرات الفوسفاط ترتفع بعشرة في المئة",
            "سجلت مبيعات المغرب من الأسمدة ارتفاعا خلال السنة الماضية.",
            "<p>وتتجه الشحنات أساسا نحو الهند والبرازيل.</p>",
        ),
    ),
    _story(
        "rk_phos_body",
        "2026-11-12 10:00",
        "economie",
        ar=(
            "ميناء الجرف الأصفر يستقبل سفنا أكبر",
            "انتهت أشغال تعميق أحواض الميناء بعد سنتين.",
            "<p>وتستطيع سفن الشحن العملاقة الآن تحميل الفوسفاط مباشرة.</p>",
        ),
    ),
    _story(
        "rk_measles_old",
        "2026-01-15 10:00",
        "sante",
        ar=(
            "حملة تلقيح ضد الحصبة بجهة سوس",
            "تستهدف الحملة الفئات غير الملقحة في الوسط القروي.",
            "<p>وتستمر العملية ثلاثة أسابيع.</p>",
        ),
    ),
    _story(
        "rk_measles_new",
        "2026-11-25 10:00",
        "sante",
        ar=(
            "حملة تلقيح ضد الحصبة بجهة الشرق",
            "تستهدف الحملة الفئات غير الملقحة في الوسط القروي.",
            "<p>وتستمر العملية ثلاثة أسابيع.</p>",
        ),
    ),
    _story(
        "fr_sardine_title",
        "2026-02-02 10:00",
        "economie",
        fr=(
            "La sardine se fait rare sur les étals",
            "Les prix grimpent dans les marchés de Marrakech et de Fès.",
            "<p>Les mareyeurs invoquent une mer agitée.</p>",
        ),
    ),
    _story(
        "fr_sardine_body",
        "2026-10-02 10:00",
        "economie",
        fr=(
            "Les marins de Safi inquiets",
            "La saison de pêche a mal commencé.",
            "<p>Les prises de sardine sont en baisse de moitié.</p>",
        ),
    ),
    _story(
        "weather_snow",
        "2026-12-02 07:00",
        "meteo",
        ar=(
            "تساقطات ثلجية مرتقبة بمرتفعات الأطلس",
            "أصدرت المديرية العامة للأرصاد الجوية نشرة إنذارية من مستوى برتقالي.",
            "<p>ودعت السلطات مستعملي الطرق الجبلية إلى الحذر.</p>",
        ),
    ),
    _story(
        "hoceima_port",
        "2026-07-08 10:00",
        "regions",
        ar=(
            "انطلاق عملية مرحبا بميناء الحسيمة",
            "يستقبل الميناء أولى البواخر القادمة من إسبانيا في إطار عبور الجالية.",
            "<p>وعبأت السلطات فرقا إضافية لتسهيل الإجراءات.</p>",
        ),
    ),
)

STORY = {story.key: story for story in STORIES}
