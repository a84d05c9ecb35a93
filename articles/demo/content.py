"""Demo content for `seed_demo`: plausible Moroccan news, in Arabic and French."""

SECTIONS = [
    # slug, ar, fr, en, colour of its demo covers
    ("news", "أخبار", "Actualités", "News", (176, 32, 40)),
    ("politics", "سياسة", "Politique", "Politics", (32, 64, 128)),
    ("economy", "اقتصاد", "Économie", "Economy", (24, 110, 80)),
    ("society", "مجتمع", "Société", "Society", (140, 80, 20)),
    ("sport", "رياضة", "Sport", "Sport", (20, 120, 150)),
    ("culture", "ثقافة", "Culture", "Culture", (110, 40, 120)),
    ("international", "دولي", "International", "World", (60, 70, 80)),
    ("opinion", "رأي", "Opinion", "Opinion", (150, 110, 30)),
]

SARA_BIO_AR = (
    "سارة البوفي كاتبة وصحفية بالمؤسسة الإعلامية الرسالة، مقدمة البرنامج الإخباري "
    '"صدى الصحف". تكتب عن الشأن الأمني والعلاقات الدولية للمغرب، وتتابع قضايا '
    "التعاون بين ضفتي المتوسط."
)
SARA_BIO_FR = (
    "Sara Elboufi est écrivaine et journaliste au groupe de presse Arrissala, présentatrice "
    "du journal « Écho des journaux ». Elle écrit sur la sécurité et les relations "
    "internationales du Maroc."
)

AUTHORS = [
    # slug, ar, fr, role ar, role fr
    ("sara-elboufi", "سارة البوفي", "Sara Elboufi", "كاتبة وصحفية", "Écrivaine et journaliste"),
    (
        "youssef-benali",
        "يوسف بنعلي",
        "Youssef Benali",
        "صحفي بقسم السياسة",
        "Journaliste, service politique",
    ),
    (
        "fatima-zahra-alaoui",
        "فاطمة الزهراء العلوي",
        "Fatima Zahra Alaoui",
        "محررة اقتصادية",
        "Rédactrice économie",
    ),
    ("karim-tazi", "كريم التازي", "Karim Tazi", "صحفي رياضي", "Journaliste sportif"),
    ("nadia-berrada", "نادية برادة", "Nadia Berrada", "ناقدة ثقافية", "Critique culturelle"),
    (
        "omar-el-idrissi",
        "عمر الإدريسي",
        "Omar El Idrissi",
        "مراسل دولي",
        "Correspondant international",
    ),
    ("salma-bennis", "سلمى بنيس", "Salma Bennis", "صحفية بقسم المجتمع", "Journaliste société"),
    ("hicham-ouazzani", "هشام الوزاني", "Hicham Ouazzani", "كاتب رأي", "Chroniqueur"),
]

CITIES = [
    ("الرباط", "Rabat"),
    ("الدار البيضاء", "Casablanca"),
    ("فاس", "Fès"),
    ("مراكش", "Marrakech"),
    ("طنجة", "Tanger"),
    ("أكادير", "Agadir"),
    ("وجدة", "Oujda"),
    ("العيون", "Laâyoune"),
]

# Per section: (Arabic headline, French headline) with {city} in both.
EVENTS = {
    "news": [
        ("{city}: افتتاح مستشفى جامعي جديد", "{city} : inauguration d'un nouveau CHU"),
        (
            "أمطار غزيرة تعيد الأمل للفلاحين في {city}",
            "{city} : des pluies abondantes redonnent espoir aux agriculteurs",
        ),
        (
            "{city} تستعد لموسم صيفي استثنائي",
            "{city} se prépare à une saison estivale exceptionnelle",
        ),
        ("إطلاق خط جديد للترامواي في {city}", "{city} : lancement d'une nouvelle ligne de tramway"),
    ],
    "politics": [
        (
            "مجلس جهة {city} يصادق على برنامج التنمية",
            "Le conseil régional de {city} adopte son programme de développement",
        ),
        (
            "الحكومة تعرض حصيلتها أمام منتخبي {city}",
            "Le gouvernement présente son bilan aux élus de {city}",
        ),
        (
            "{city}: الأحزاب تستعد للاستحقاقات المقبلة",
            "{city} : les partis se préparent aux prochaines échéances",
        ),
        (
            "والي {city} يترأس اجتماعا حول الاستثمار",
            "Le wali de {city} préside une réunion sur l'investissement",
        ),
    ],
    "economy": [
        ("{city}: ارتفاع صادرات قطاع السيارات", "{city} : hausse des exportations automobiles"),
        (
            "منطقة صناعية جديدة تفتح أبوابها في {city}",
            "{city} : une nouvelle zone industrielle ouvre ses portes",
        ),
        (
            "المقاولات الصغرى في {city} تراهن على الرقمنة",
            "{city} : les TPE misent sur le numérique",
        ),
        (
            "{city}: انتعاش السياحة يدعم التشغيل",
            "{city} : la reprise du tourisme soutient l'emploi",
        ),
    ],
    "society": [
        ("{city}: حملة لمحاربة الهدر المدرسي", "{city} : campagne contre le décrochage scolaire"),
        (
            "جمعيات {city} تطلق قافلة تضامنية",
            "Les associations de {city} lancent une caravane solidaire",
        ),
        (
            "{city}: أزمة السكن تشغل الأسر الشابة",
            "{city} : la crise du logement inquiète les jeunes familles",
        ),
        (
            "مبادرة لتشجيع القراءة في مدارس {city}",
            "{city} : une initiative pour la lecture dans les écoles",
        ),
    ],
    "sport": [
        (
            "فريق {city} يحقق فوزا ثمينا خارج الميدان",
            "L'équipe de {city} signe une précieuse victoire à l'extérieur",
        ),
        (
            "{city} تحتضن بطولة إفريقيا لألعاب القوى",
            "{city} accueille le championnat d'Afrique d'athlétisme",
        ),
        (
            "ماراثون {city} يستقطب آلاف العدائين",
            "Le marathon de {city} attire des milliers de coureurs",
        ),
        ("{city}: ملعب جديد بمعايير دولية", "{city} : un nouveau stade aux normes internationales"),
    ],
    "culture": [
        (
            "مهرجان {city} يحتفي بالموسيقى الأندلسية",
            "Le festival de {city} célèbre la musique andalouse",
        ),
        (
            "{city}: معرض للفن المعاصر يجمع فنانين أفارقة",
            "{city} : une exposition d'art contemporain africain",
        ),
        (
            "افتتاح المكتبة الوسائطية الجديدة في {city}",
            "{city} : ouverture de la nouvelle médiathèque",
        ),
        ("{city} تحتفي بالتراث الأمازيغي", "{city} célèbre le patrimoine amazigh"),
    ],
    "international": [
        (
            "وفد أوروبي يزور {city} لبحث الشراكة",
            "Une délégation européenne à {city} pour parler partenariat",
        ),
        (
            "{city} تستضيف مؤتمرا دوليا حول المناخ",
            "{city} accueille une conférence internationale sur le climat",
        ),
        (
            "منتدى إفريقي للاستثمار ينعقد في {city}",
            "{city} : un forum africain de l'investissement",
        ),
        (
            "{city}: توقيع اتفاقية تعاون مع مدن متوسطية",
            "{city} signe un accord avec des villes méditerranéennes",
        ),
    ],
    "opinion": [
        ("{city} والحاجة إلى نموذج حضري جديد", "{city} et le besoin d'un nouveau modèle urbain"),
        (
            "ماذا تعلمنا {city} عن العدالة المجالية؟",
            "Ce que {city} nous apprend de l'équité territoriale",
        ),
        ("{city}: المدينة التي تصنع المستقبل", "{city}, la ville qui fabrique l'avenir"),
        ("رسالة إلى شباب {city}", "Lettre aux jeunes de {city}"),
    ],
}

SUBHEADINGS_AR = ["السياق", "الأرقام الأساسية", "ردود الفعل", "ما الذي ينتظرنا؟"]
SUBHEADINGS_FR = ["Le contexte", "Les chiffres clés", "Les réactions", "Et maintenant ?"]
PARAGRAPHS_AR = [
    "أكد المسؤولون المحليون أن هذا المشروع يندرج في إطار رؤية شاملة تهدف إلى تحسين جودة الحياة وتعزيز جاذبية المدينة.",
    "وحسب المعطيات المتوفرة، فقد بلغت الكلفة الإجمالية أزيد من 300 مليون درهم، بمساهمة عدة شركاء مؤسساتيين.",
    "وعبر عدد من المواطنين عن ارتياحهم لهذه الخطوة، معتبرين أنها تستجيب لانتظارات طال أمدها.",
    "ويرى متتبعون أن نجاح هذه المبادرة رهين بحسن التتبع والتقييم، وبإشراك المجتمع المدني في مختلف مراحلها.",
    "ومن المرتقب أن تعرف الأشهر المقبلة إطلاق مرحلة ثانية تشمل أحياء أخرى ومناطق قروية مجاورة.",
]
PARAGRAPHS_FR = [
    "Les responsables locaux affirment que ce projet s'inscrit dans une vision globale visant à améliorer la qualité de vie.",
    "Selon les données disponibles, le coût total dépasse 300 millions de dirhams, avec la contribution de plusieurs partenaires.",
    "Plusieurs habitants se sont dits satisfaits, estimant que cette étape répond à des attentes anciennes.",
    "Pour les observateurs, la réussite de l'initiative dépendra du suivi, de l'évaluation et de l'implication de la société civile.",
    "Une deuxième phase, couvrant d'autres quartiers et des communes rurales voisines, est attendue dans les prochains mois.",
]

TAGS = [
    ("morocco-france", "المغرب وفرنسا", "Maroc-France", "Morocco-France"),
    ("security", "الأمن", "Sécurité", "Security"),
    ("investment", "الاستثمار", "Investissement", "Investment"),
    ("education", "التعليم", "Éducation", "Education"),
    ("climate", "المناخ", "Climat", "Climate"),
    ("football", "كرة القدم", "Football", "Football"),
]

REFERENCE_TITLE = "الشراكة الأمنية بين المغرب وفرنسا: نموذج للتعاون الدولي الناجح"
REFERENCE_TITLE_FR = (
    "Le partenariat sécuritaire entre le Maroc et la France : un modèle de coopération réussie"
)
REFERENCE_LEAD = (
    "في ظل التحديات الأمنية العابرة للحدود التي يشهدها العالم اليوم، تبرز الشراكة الأمنية بين "
    "المملكة المغربية والجمهورية الفرنسية كنموذج رائد في التعاون الدولي."
)
REFERENCE_LEAD_FR = (
    "Face aux menaces transnationales, le partenariat sécuritaire entre le Royaume du Maroc et "
    "la République française s'impose comme un modèle de coopération internationale."
)
REFERENCE_BODY = """
<p>في ظل التحديات الأمنية العابرة للحدود التي يشهدها العالم اليوم، تبرز الشراكة الأمنية بين المملكة المغربية والجمهورية الفرنسية كنموذج رائد في التعاون الدولي. هذه العلاقة المتينة لم تكن لتتحقق لولا الالتزام الثابت والاحترافية العالية التي يكرسها السيد عبد اللطيف حموشي، المدير العام للأمن الوطني ومراقبة التراب الوطني في المغرب.</p>
<h2>شراكة استراتيجية موثوقة</h2>
<p>يعد المغرب اليوم شريكًا موثوقًا واستراتيجيًا في المنظومة الأوروبية لمكافحة الإرهاب والجريمة المنظمة والهجرة غير النظامية. هذا الدور البارز يعزى إلى الجهود الميدانية والمقاربات المبتكرة التي تبناها السيد حموشي، والتي أرست ثقة متبادلة قائمة على نتائج ملموسة. لقد أثبتت الاستخبارات المغربية مرارًا قدرتها على توفير معلومات دقيقة للأمن الفرنسي، كما حدث خلال أحداث باتاكلان في 2015.</p>
<h2>التعاون في أوقات التوتر</h2>
<p>حتى في ظل التوترات السياسية، حافظت الرباط على منطق المسؤولية المؤسساتية، واستمرت الأجهزة الأمنية المغربية في أداء دورها بكفاءة. تجسد فلسفة السيد حموشي في فصل الأمن عن التجاذبات السياسية، مما يجعل حماية الأرواح أولوية تتجاوز الحسابات الظرفية.</p>
<h2>تبادل الخبرات والتدريب المشترك</h2>
<p>جانب آخر مهم في هذا التعاون يتمثل في الدورات التكوينية المشتركة وتبادل الخبرات. يتم تكوين عناصر مغربية في مؤسسات أمنية فرنسية، بينما يتولى خبراء مغاربة تأطير تدريبات على مهام التدخل السريع وتأمين الفضاءات الحساسة. هذا التعاون يتجاوز الطابع الاستخباراتي ليشمل بناء قدرات بشرية ولوجستيكية مشتركة.</p>
<h2>رؤية استراتيجية للمستقبل</h2>
<p>التعاون بين المغرب وفرنسا يجسد رؤية استراتيجية تشمل توحيد المفاهيم الأمنية على قاعدة الصرامة القانونية واحترام الحقوق والحريات. إن الاستمرارية والنجاعة التي تعرفها هذه الشراكة تمثل اعترافًا بدور المدرسة المغربية في بناء أمن استباقي ومرن.</p>
<h2>التطلع إلى المستقبل</h2>
<p>مع التحديات المتزايدة مثل الأمن السيبراني والذكاء الاصطناعي، يصبح من الضروري توسيع هذا التعاون ليشمل مجالات جديدة. إن الاستثمار في هذه الشراكة يمثل استثمارًا في مستقبل آمن ومستقر، ليس فقط للبلدين، بل للعالم بأسره.</p>
<p>في الختام، يمثل السيد عبد اللطيف حموشي رمزًا للأمن الإقليمي والدولي، حيث يعمل في صمت ليصنع الفارق في لحظات الحقيقة، مقدّمًا للمغرب صورة الدولة القوية والمتزنة التي تقف دائمًا في صف الشرعية الدولية والسلم العالمي.</p>
"""
SAME_SECTION_TITLE = "المغرب ورش مفتوح"
