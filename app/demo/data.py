"""The demo's people and places: categories, suppliers and their stories, halls, fairs,
pickup points, groups and one account per role. Products are composed in `catalogue.py`.

All names, CIN numbers and loan references are invented; any resemblance is fortuitous.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.accounts.models import Role

DOMAIN = "souk-solidaire.ma"

# -- places ---------------------------------------------------------------------------------

# city -> (region, Arabic name, English name)
CITIES: dict[str, tuple[str, str, str]] = {
    "Safi": ("Marrakech-Safi", "آسفي", "Safi"),
    "Fès": ("Fès-Meknès", "فاس", "Fez"),
    "Marrakech": ("Marrakech-Safi", "مراكش", "Marrakesh"),
    "Essaouira": ("Marrakech-Safi", "الصويرة", "Essaouira"),
    "Agadir": ("Souss-Massa", "أكادير", "Agadir"),
    "Tiznit": ("Souss-Massa", "تيزنيت", "Tiznit"),
    "Taroudant": ("Souss-Massa", "تارودانت", "Taroudant"),
    "Tafraout": ("Souss-Massa", "تافراوت", "Tafraout"),
    "Ouarzazate": ("Drâa-Tafilalet", "ورزازات", "Ouarzazate"),
    "Taznakht": ("Drâa-Tafilalet", "تازناخت", "Taznakht"),
    "Zagora": ("Drâa-Tafilalet", "زاكورة", "Zagora"),
    "Kelaat M'Gouna": ("Drâa-Tafilalet", "قلعة مكونة", "Kelaat M'Gouna"),
    "Midelt": ("Drâa-Tafilalet", "ميدلت", "Midelt"),
    "Chefchaouen": ("Tanger-Tétouan-Al Hoceïma", "شفشاون", "Chefchaouen"),
    "Tétouan": ("Tanger-Tétouan-Al Hoceïma", "تطوان", "Tetouan"),
    "Ouezzane": ("Tanger-Tétouan-Al Hoceïma", "وزان", "Ouezzane"),
    "Salé": ("Rabat-Salé-Kénitra", "سلا", "Salé"),
    "Rabat": ("Rabat-Salé-Kénitra", "الرباط", "Rabat"),
    "Khémisset": ("Rabat-Salé-Kénitra", "الخميسات", "Khemisset"),
    "Casablanca": ("Casablanca-Settat", "الدار البيضاء", "Casablanca"),
    "Meknès": ("Fès-Meknès", "مكناس", "Meknes"),
    "Azrou": ("Fès-Meknès", "أزرو", "Azrou"),
    "Oujda": ("L'Oriental", "وجدة", "Oujda"),
    "Khénifra": ("Béni Mellal-Khénifra", "خنيفرة", "Khenifra"),
}

# -- categories -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CategorySeed:
    slug: str
    name: str
    ar: str
    en: str


CATEGORIES = [
    CategorySeed("argan-et-terroir", "Argan et terroir", "الأركان ومنتوجات المجال", "Argan and local produce"),
    CategorySeed("poterie-et-ceramique", "Poterie et céramique", "الفخار والخزف", "Pottery and ceramics"),
    CategorySeed("tapis", "Tapis", "الزرابي", "Carpets and rugs"),
    CategorySeed("textiles", "Textiles et tissages", "المنسوجات", "Textiles and weaving"),
    CategorySeed("cuir", "Cuir et maroquinerie", "الجلد والمصنوعات الجلدية", "Leather goods"),
    CategorySeed("vannerie", "Vannerie", "صناعة السلال", "Basketry"),
    CategorySeed("bijoux", "Bijoux", "الحلي", "Jewellery"),
    CategorySeed("bois-et-thuya", "Bois et thuya", "الخشب والعرعار", "Wood and thuya"),
    CategorySeed("epices-et-cosmetiques", "Épices et cosmétiques naturels", "التوابل ومستحضرات التجميل الطبيعية",
                 "Spices and natural cosmetics"),
]

# -- suppliers ------------------------------------------------------------------------------

INSTITUTIONS = ("Al Amana Microfinance", "Fondation Zakoura", "Attawfiq Micro-Finance", "INMAA", "ARDI")


@dataclass(frozen=True)
class SupplierSeed:
    slug: str
    name: str
    trade_name: str
    craft: str
    category: str  # CategorySeed.slug of most of their products
    city: str
    story: str
    story_ar: str = ""
    story_en: str = ""

    @property
    def region(self) -> str:
        return CITIES[self.city][0]


S = SupplierSeed
SUPPLIERS: list[SupplierSeed] = [
    S("fatima-zahra-safi", "Fatima Zahra Belghiti", "Poterie Bahja", "Potière", "poterie-et-ceramique", "Safi",
      "J'ai appris le tour auprès de mon père sur la colline des potiers de Safi. Avec mon prêt, j'ai acheté un "
      "four à gaz : mes tajines cuisent mieux et je ne respire plus la fumée.",
      "تعلمت الخزف على يد والدي في تلة الخزافين بآسفي. بفضل القرض اشتريت فرنا يعمل بالغاز، فصارت طواجيني تُطهى "
      "أفضل ولم أعد أستنشق الدخان.",
      "I learned the wheel from my father on the potters' hill of Safi. With my loan I bought a gas kiln: my "
      "tajines fire better and I no longer breathe the smoke."),
    S("youssef-fes-zellige", "Youssef Bennani", "Atelier Zellige Bennani", "Céramiste émailleur",
      "poterie-et-ceramique", "Fès",
      "Je peins à la main le bleu de Fès, comme dans l'atelier de mon oncle à Aïn Nokbi. Le microcrédit m'a permis "
      "d'ouvrir mon propre atelier et d'embaucher deux apprentis.",
      "أرسم الأزرق الفاسي بيدي كما في ورشة عمي بعين النقبي. مكنني القرض الصغير من فتح ورشتي الخاصة "
      "وتشغيل متعلمين اثنين.",
      "I hand-paint Fez blue, as in my uncle's workshop in Ain Nokbi. Microcredit let me open my own workshop and "
      "take on two apprentices."),
    S("aicha-tamegroute", "Aïcha Nassiri", "Terre verte de Tamegroute", "Potière", "poterie-et-ceramique", "Zagora",
      "Le vert de Tamegroute vient d'un émail au cuivre que ma famille prépare depuis des générations. Je vends "
      "enfin mes pièces au-delà de la vallée du Drâa.",
      "يأتي الأخضر التامكروتي من طلاء بالنحاس تحضره عائلتي منذ أجيال. أخيرا صرت أبيع قطعي خارج وادي درعة.",
      "Tamegroute green comes from a copper glaze my family has prepared for generations. At last I sell my pieces "
      "beyond the Draa valley."),
    S("hassan-sale-oulja", "Hassan Lamrani", "Poterie de l'Oulja", "Potier", "poterie-et-ceramique", "Salé",
      "Mon four est au complexe de l'Oulja, au bord du Bouregreg. Je fais des jarres et des plats de tous les "
      "jours, solides et beaux."),
    S("naima-marrakech-ceramique", "Naïma Ouchen", "Naïma Céramique", "Céramiste", "poterie-et-ceramique",
      "Marrakech",
      "Je décore mes assiettes de motifs berbères que dessinait ma grand-mère sur ses tatouages. Chaque pièce est "
      "unique."),
    S("khadija-taznakht", "Khadija Aït Ouahmane", "Coopérative Tazrbit", "Tisserande de tapis", "tapis", "Taznakht",
      "Nous sommes douze femmes à tisser ensemble les tapis de Taznakht, en laine de nos moutons teinte au henné et à "
      "la garance. Le prêt a payé notre premier grand métier.",
      "نحن اثنتا عشرة امرأة ننسج معا زرابي تازناخت، من صوف أغنامنا المصبوغ بالحناء والفوة. "
      "سدد القرض ثمن أول منسج كبير لنا.",
      "Twelve of us women weave Taznakht carpets together, from our own sheep's wool dyed with henna and madder. "
      "The loan paid for our first large loom."),
    S("mina-khemisset", "Mina Zemmouri", "Tapis Zemmour", "Tisserande", "tapis", "Khémisset",
      "Le tapis Zemmour est rouge, comme la terre de chez nous. Je tisse depuis l'âge de douze ans et je forme "
      "maintenant les filles du douar.",
      "زربية زمور حمراء مثل تربة بلادنا. أنسج منذ سن الثانية عشرة وأكوّن الآن فتيات الدوار.",
      "The Zemmour carpet is red, like our soil. I have woven since I was twelve and now I train the girls of the "
      "village."),
    S("itto-azrou", "Itto Amhaouch", "Laines d'Azrou", "Tisserande", "tapis", "Azrou",
      "Dans le Moyen Atlas, l'hiver est long : nous tissons des tapis épais à fond crème, avec les losanges des Beni "
      "M'guild.",
      "في الأطلس المتوسط الشتاء طويل: ننسج زرابي سميكة بخلفية بيضاء وبمعينات بني مكيلد.",
      "In the Middle Atlas winter is long: we weave thick cream carpets with the lozenges of the Beni M'guild."),
    S("rkia-midelt", "Rkia Ouhaddou", "Atelier Rkia", "Tisserande de kilims", "tapis", "Midelt",
      "Je tisse des kilims à rayures et à dents de scie, comme ma mère. Avec mon crédit j'achète la laine en gros "
      "et je gagne mieux ma vie."),
    S("zineb-boucherouite", "Zineb Harrak", "Boucherouite Zineb", "Tisserande", "tapis", "Marrakech",
      "Je fais des boucherouites avec des chutes de tissu récupérées dans les ateliers de confection. Rien ne se "
      "perd, tout devient couleur."),
    S("malika-chefchaouen", "Malika Riffi", "Tissage Bleu Chaouen", "Tisserande", "textiles", "Chefchaouen",
      "Sur mon métier de bois, je tisse des couvertures et des foutas rayées de rouge et de blanc, comme les "
      "femmes du Rif les portent.",
      "على منسجي الخشبي أنسج أغطية وفوطات مخططة بالأحمر والأبيض كما ترتديها نساء الريف.",
      "On my wooden loom I weave blankets and foutas striped red and white, the way Rif women wear them."),
    S("abdellah-ouezzane", "Abdellah Tahiri", "Djellabas d'Ouezzane", "Tisserand", "textiles", "Ouezzane",
      "La laine d'Ouezzane est réputée dans tout le Maroc. Je tisse le tissu des djellabas à la main, comme mon "
      "grand-père."),
    S("souad-fes-brocart", "Souad Alaoui", "Brocarts de Fès", "Tisserande de brocart", "textiles", "Fès",
      "Je tisse le brocart de soie de Fès sur un métier à la tire. Le microcrédit m'a aidée à acheter les fils "
      "de sabra.",
      "أنسج ديباج الحرير الفاسي على منسج تقليدي. ساعدني القرض الصغير على شراء خيوط الصبرة.",
      "I weave Fez silk brocade on a draw loom. Microcredit helped me buy the sabra threads."),
    S("latifa-tetouan", "Latifa Bakkali", "Brodeuses de Tétouan", "Brodeuse", "textiles", "Tétouan",
      "La broderie de Tétouan se fait au fil de soie, point après point. Nous sommes six voisines à travailler "
      "ensemble l'après-midi."),
    S("hakima-sale-broderie", "Hakima Znibar", "Broderies Hakima", "Brodeuse", "textiles", "Salé",
      "La broderie de Salé se reconnaît à son point compté, identique à l'endroit et à l'envers. Je l'enseigne "
      "aussi aux jeunes filles du quartier.",
      "يُعرف طرز سلا بغرزته المعدودة المتطابقة على الوجهين. أعلّمه أيضا لفتيات الحي.",
      "Salé embroidery is known for its counted stitch, the same on both sides. I also teach it to the girls of "
      "the neighbourhood."),
    S("mohamed-fes-tannerie", "Mohamed Chraibi", "Maroquinerie Chouara", "Maroquinier", "cuir", "Fès",
      "Mon cuir vient de la tannerie Chouara, tanné au végétal. Je coupe et je couds mes sacs dans un petit "
      "atelier de la médina.",
      "يأتي جلدي من دار الدباغة شوارة، مدبوغا بمواد نباتية. أقص حقائبي وأخيطها في ورشة صغيرة بالمدينة القديمة.",
      "My leather comes from the Chouara tannery, vegetable tanned. I cut and sew my bags in a small workshop in "
      "the medina."),
    S("brahim-marrakech-babouches", "Brahim Ait Lahcen", "Babouches Brahim", "Babouchier", "cuir", "Marrakech",
      "Je fais des babouches depuis trente ans dans le souk des babouchiers. Jaunes pour les hommes, brodées pour "
      "les femmes.",
      "أصنع البلغة منذ ثلاثين سنة في سوق البلاغجية. صفراء للرجال ومطرزة للنساء.",
      "I have made babouches for thirty years in the slipper-makers' souk. Yellow for men, embroidered for women."),
    S("rachida-tafraout", "Rachida Oubella", "Idoukan Tafraout", "Artisane du cuir", "cuir", "Tafraout",
      "Les idoukan de Tafraout sont des babouches brodées de fils de couleur. Je les fais avec les femmes de ma "
      "famille."),
    S("karim-meknes-cuir", "Karim Idrissi", "Cuirs de Meknès", "Maroquinier", "cuir", "Meknès",
      "Je fabrique des poufs et des cartables en cuir. Le prêt m'a permis d'acheter une machine à coudre le cuir."),
    S("saida-sale-vannerie", "Saïda Bouazza", "Vannerie du Bouregreg", "Vannière", "vannerie", "Salé",
      "Je tresse le doum et le jonc du Bouregreg : paniers, corbeilles et plateaux. C'est un savoir de femmes que "
      "je ne veux pas voir disparaître.",
      "أضفر الدوم والسمار من ضفاف أبي رقراق: سلال وأطباق وصواني. إنها معرفة نسائية لا أريد أن تندثر.",
      "I plait doum palm and Bouregreg rush: baskets, bowls and trays. It is women's knowledge I do not want to see "
      "disappear."),
    S("fadma-marrakech-paniers", "Fadma Id Brahim", "Paniers Fadma", "Vannière", "vannerie", "Marrakech",
      "Mes paniers en feuilles de palmier sont renforcés de cuir. On les porte au marché depuis toujours."),
    S("hajar-chefchaouen-chapeaux", "Hajar El Khamlichi", "Chapeaux du Rif", "Vannière", "vannerie", "Chefchaouen",
      "Je tresse les chapeaux de paille à pompons que portent les femmes du Rif pour aller aux champs.",
      "أضفر قبعات القش ذات الكريات الصوفية التي ترتديها نساء الريف للذهاب إلى الحقول.",
      "I plait the straw hats with woollen pompoms that Rif women wear to go to the fields."),
    S("omar-oujda-alfa", "Omar Benyahia", "Alfa de l'Oriental", "Vannier", "vannerie", "Oujda",
      "Dans l'Oriental, nous travaillons l'alfa des hauts plateaux. J'en fais des corbeilles et des tapis de "
      "prière."),
    S("amina-tiznit-argent", "Amina Agouram", "Argent de Tiznit", "Bijoutière", "bijoux", "Tiznit",
      "Je façonne l'argent comme les bijoutiers de Tiznit : fibules, colliers et bracelets émaillés. Le crédit a "
      "payé mon premier stock de métal.",
      "أشكّل الفضة كما يفعل صاغة تيزنيت: تيزرزاي وقلائد وأساور مطلية بالمينا. سدد القرض أول مخزون من المعدن.",
      "I shape silver like the jewellers of Tiznit: fibulae, necklaces and enamelled bracelets. The loan paid for "
      "my first stock of metal."),
    S("lahcen-tiznit-fibules", "Lahcen Boutaleb", "Atelier Tizerzai", "Bijoutier", "bijoux", "Tiznit",
      "La tizerzai, la fibule triangulaire, est le bijou de nos grands-mères. Je la refais à la main, gravée au "
      "burin."),
    S("siham-essaouira-bijoux", "Siham Chafik", "Perles de Mogador", "Créatrice de bijoux", "bijoux", "Essaouira",
      "J'assemble des colliers de corail, d'ambre et d'argent. Mon atelier donne sur les remparts de la "
      "Skala.",
      "أجمع قلائد من المرجان والعنبر والفضة. تطل ورشتي على أسوار السقالة.",
      "I string necklaces of coral, amber and silver. My workshop looks out on the Skala ramparts."),
    S("nadia-rabat-bijoux", "Nadia Slaoui", "Bijoux Nadia", "Bijoutière", "bijoux", "Rabat",
      "Je travaille l'argent et les pierres semi-précieuses dans un petit atelier des Oudayas."),
    S("mustapha-essaouira-thuya", "Mustapha Zaki", "Marqueterie Zaki", "Ébéniste", "bois-et-thuya", "Essaouira",
      "Je travaille la loupe de thuya, incrustée de citronnier et de nacre. Le thuya sent bon quand on le ponce.",
      "أشتغل على عقد خشب العرعار المطعّم بالليمون والصدف. للعرعار رائحة طيبة حين نصقله.",
      "I work thuya burl inlaid with lemonwood and mother-of-pearl. Thuya smells good when you sand it."),
    S("rachid-essaouira-coffrets", "Rachid Ouazzani", "Coffrets de Mogador", "Ébéniste", "bois-et-thuya",
      "Essaouira",
      "Je fais des coffrets et des échiquiers en thuya. Le microcrédit m'a permis d'acheter un tour à bois."),
    S("said-fes-cedre", "Saïd Tazi", "Cèdre sculpté", "Sculpteur sur bois", "bois-et-thuya", "Fès",
      "Je sculpte le cèdre de l'Atlas pour en faire des plateaux, des miroirs et des boîtes à épices.",
      "أنحت خشب الأرز الأطلسي لأصنع منه صواني ومرايا وعلبا للتوابل.",
      "I carve Atlas cedar into trays, mirrors and spice boxes."),
    S("zahra-tetouan-bois-peint", "Zahra Temsamani", "Bois peint de Tétouan", "Peintre sur bois", "bois-et-thuya",
      "Tétouan",
      "Je peins des fleurs et des arabesques sur le bois, dans la tradition andalouse de Tétouan."),
    S("cooperative-tifaout", "Hafida Aït Baha", "Coopérative Tifaout", "Huile d'argan", "argan-et-terroir",
      "Agadir",
      "Nous sommes quarante femmes à concasser les noix d'argan à la main. L'huile est pressée à froid dans notre "
      "coopérative.",
      "نحن أربعون امرأة نكسر ثمار الأركان باليد. يُعصر الزيت على البارد في تعاونيتنا.",
      "Forty of us women crack argan nuts by hand. The oil is cold pressed in our cooperative."),
    S("cooperative-taitmatine", "Fatima Id Ali", "Coopérative Taitmatine", "Huile d'argan et amlou",
      "argan-et-terroir", "Tiznit",
      "Notre amlou mélange huile d'argan, amandes grillées et miel de thym. La recette est celle de nos mères.",
      "يمزج أملونا زيت الأركان واللوز المحمص وعسل الزعتر. الوصفة هي وصفة أمهاتنا.",
      "Our amlou blends argan oil, roasted almonds and thyme honey. The recipe is our mothers'."),
    S("mohamed-taroudant-safran", "Mohamed Amzil", "Safran de Taliouine", "Safran et miel", "argan-et-terroir",
      "Taroudant",
      "Je cultive le safran sur les pentes du Siroua. La récolte se fait à l'aube, fleur par fleur.",
      "أزرع الزعفران على سفوح جبل سيروا. يُجنى عند الفجر زهرة زهرة.",
      "I grow saffron on the slopes of Mount Siroua. It is picked at dawn, flower by flower."),
    S("yamna-essaouira-argan", "Yamna Hmidouch", "Argan de Mogador", "Huile d'argan", "argan-et-terroir",
      "Essaouira",
      "Mes chèvres grimpent dans les arganiers et moi je presse l'huile. Cosmétique ou alimentaire, tout est fait "
      "ici."),
    S("ahmed-zagora-dattes", "Ahmed Boujemaa", "Palmeraie du Drâa", "Dattes et miel", "argan-et-terroir", "Zagora",
      "Je récolte les dattes de la palmeraie familiale et le miel de nos ruches. Je vends maintenant dans tout "
      "le pays."),
    S("touria-kelaat-rose", "Touria Moussaoui", "Roses du Dadès", "Eau de rose et cosmétiques",
      "epices-et-cosmetiques", "Kelaat M'Gouna",
      "En mai, nous cueillons les roses de la vallée avant le lever du soleil. Je distille l'eau de rose dans un "
      "alambic de cuivre.",
      "في ماي نقطف ورود الوادي قبل شروق الشمس. أقطّر ماء الورد في قطارة نحاسية.",
      "In May we pick the valley's roses before sunrise. I distil rose water in a copper still."),
    S("hanane-marrakech-savon", "Hanane Berrada", "Hammam Beldi", "Savon noir et ghassoul", "epices-et-cosmetiques",
      "Marrakech",
      "Je prépare le savon noir à l'huile d'olive et à l'eucalyptus, et le ghassoul parfumé aux plantes.",
      "أحضّر الصابون البلدي بزيت الزيتون والأوكالبتوس، والغاسول المعطر بالأعشاب.",
      "I make black soap with olive oil and eucalyptus, and ghassoul scented with herbs."),
    S("samira-casablanca-epices", "Samira Fassi", "Épices Samira", "Mélanges d'épices", "epices-et-cosmetiques",
      "Casablanca",
      "Mon ras el hanout compte vingt-sept épices. Je le mélange moi-même, comme au souk de Derb Omar."),
    S("khalid-fes-epices", "Khalid Kettani", "Herboristerie Kettani", "Herboriste", "epices-et-cosmetiques", "Fès",
      "Herboriste comme mon père, je vends épices, plantes et cosmétiques naturels de la médina de Fès."),
]

# Two beneficiaries waiting for staff: their details did not match a record automatically
# (a mistyped CIN, a loan the institution has not delivered yet). Not public until approved.
APPLICANTS: list[SupplierSeed] = [
    S("meryem-khenifra", "Meryem Ouali", "Tissages Meryem", "Tisserande", "tapis", "Khénifra",
      "Je tisse des hanbels zayanes aux couleurs vives, comme les femmes de ma tribu."),
    S("driss-fes-dinanderie", "Driss Haddad", "Dinanderie Haddad", "Dinandier", "bois-et-thuya", "Fès",
      "Je martèle le cuivre et le laiton au souk Seffarine : plateaux, lanternes et bouilloires."),
]



@dataclass(frozen=True)
class RecordSeed:
    """A microcredit record as an institution lists it (the CIN is stored only as a keyed hash)."""

    institution: str
    loan_reference: str
    cin: str
    name: str
    city: str
    activity: str


# A loan no demo stand uses: `seed-demo` prints it so that a newcomer can register as a beneficiary
# and verify their own stand at /supplier/verify (once: one loan vouches for one stand).
NEWCOMER_RECORD = RecordSeed("Al Amana Microfinance", "AM-2025-070311", "BK482913", "Zineb Amrani", "Salé",
                             "Couturière")

# -- accounts -------------------------------------------------------------------------------
# Demo-only passwords: printed by `flask seed-demo`, never to be used on a real deployment.


@dataclass(frozen=True)
class AccountSeed:
    role: Role
    email: str
    password: str
    name: str


ACCOUNTS = [
    AccountSeed(Role.ADMIN, f"admin@{DOMAIN}", "demo-admin-2026", "Salma Admin"),
    AccountSeed(Role.MODERATOR, f"moderator@{DOMAIN}", "demo-moderator-2026", "Omar Moderator"),
    AccountSeed(Role.BENEFICIARY, f"beneficiary@{DOMAIN}", "demo-beneficiary-2026", "Fatima Zahra Belghiti"),
    AccountSeed(Role.SHOPPER, f"shopper@{DOMAIN}", "demo-shopper-2026", "Leila Shopper"),
    AccountSeed(Role.GROUP_MANAGER, f"group-manager@{DOMAIN}", "demo-group-manager-2026", "Rachid Group Manager"),
    AccountSeed(Role.OVERSIGHT, f"oversight@{DOMAIN}", "demo-oversight-2026", "Nadia Oversight"),
    AccountSeed(Role.ORGANISER, f"organiser@{DOMAIN}", "demo-organiser-2026", "Hassan Organiser"),
]
# Demo-only authenticator key of every demo staff account (published, like the passwords above).
DEMO_TOTP_SECRET = "SOUKDEMOSTAFFTOTPSECRET234567ABC"
# The beneficiary account owns this stand; every other supplier gets a locked account.
BENEFICIARY_SUPPLIER = "fatima-zahra-safi"

# -- exhibition -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HallSeed:
    slug: str
    categories: tuple[str, ...]
    featured: bool
    title: dict[str, str]
    intro: dict[str, str]
    cover: str  # the look (app.demo.photos.LOOKS) of its cover picture


HALLS = [
    HallSeed("argan-et-terroir", ("argan-et-terroir", "epices-et-cosmetiques"), True,
             {"fr": "Argan et terroir", "ar": "الأركان ومنتوجات المجال", "en": "Argan and local produce"},
             {"fr": "L'huile d'argan des coopératives du Souss, le safran de Taliouine, l'amlou, le miel et l'eau "
                    "de rose de la vallée du Dadès.",
              "ar": "زيت الأركان من تعاونيات سوس، وزعفران تالوين، والأملو، والعسل، وماء الورد من وادي دادس.",
              "en": "Argan oil from the Souss cooperatives, Taliouine saffron, amlou, honey and rose water from the "
                    "Dades valley."}, "huile-argan-trio"),
    HallSeed("poterie", ("poterie-et-ceramique",), True,
             {"fr": "Poterie et céramique", "ar": "الفخار والخزف", "en": "Pottery and ceramics"},
             {"fr": "Le bleu de Fès, le vert de Tamegroute, la terre de Safi : tajines, plats et jarres tournés et "
                    "peints à la main.",
              "ar": "الأزرق الفاسي والأخضر التامكروتي وطين آسفي: طواجين وصحون وجرار مصنوعة ومزخرفة باليد.",
              "en": "Fez blue, Tamegroute green, Safi clay: tajines, dishes and jars thrown and painted by hand."},
             "tajine-bleu"),
    HallSeed("tapis-et-textiles", ("tapis", "textiles"), True,
             {"fr": "Tapis et textiles", "ar": "الزرابي والمنسوجات", "en": "Carpets and textiles"},
             {"fr": "Tapis de Taznakht et du Moyen Atlas, kilims, boucherouites, foutas du Rif et broderies de "
                    "Salé et de Tétouan.",
              "ar": "زرابي تازناخت والأطلس المتوسط، والحنابل، والبوشرويط، وفوطات الريف، وطرز سلا وتطوان.",
              "en": "Carpets from Taznakht and the Middle Atlas, kilims, boucherouites, Rif foutas and embroidery "
                    "from Salé and Tetouan."}, "tapis-beni-ouarain"),
    HallSeed("cuir", ("cuir",), False,
             {"fr": "Cuir", "ar": "الجلد", "en": "Leather"},
             {"fr": "Babouches, sacs et poufs en cuir tanné au végétal à Fès et à Marrakech.",
              "ar": "بلاغي وحقائب ومساند من جلد مدبوغ بمواد نباتية في فاس ومراكش.",
              "en": "Babouches, bags and poufs in leather vegetable-tanned in Fez and Marrakesh."}, "babouches-jaunes"),
    HallSeed("vannerie", ("vannerie",), False,
             {"fr": "Vannerie", "ar": "صناعة السلال", "en": "Basketry"},
             {"fr": "Doum, alfa, jonc et feuilles de palmier tressés : paniers, plateaux et chapeaux du Rif.",
              "ar": "الدوم والحلفاء والسمار وسعف النخيل المضفور: سلال وصواني وقبعات ريفية.",
              "en": "Plaited doum palm, alfa, rush and palm leaves: baskets, trays and Rif hats."}, "panier"),
    HallSeed("bijoux", ("bijoux",), False,
             {"fr": "Bijoux", "ar": "الحلي", "en": "Jewellery"},
             {"fr": "L'argent de Tiznit, les fibules berbères, le corail et l'ambre d'Essaouira.",
              "ar": "فضة تيزنيت، والتيزرزاي الأمازيغية، ومرجان وعنبر الصويرة.",
              "en": "Tiznit silver, Berber fibulae, coral and amber from Essaouira."}, "collier"),
]
HALL_SIZE = 16  # products shown in each hall


@dataclass(frozen=True)
class FairSeed:
    slug: str
    name: str
    ar: str
    en: str
    city: str
    venue: str
    starts_in_days: int  # relative to the day the demo is loaded (negative: in the past)
    days: int
    description: str
    stands: int


FAIRS = [
    FairSeed("foire-ess-casablanca", "Foire de l'économie sociale et solidaire de Casablanca",
             "معرض الاقتصاد الاجتماعي والتضامني بالدار البيضاء", "Casablanca social and solidarity economy fair",
             "Casablanca", "Parc de la Ligue arabe", 21, 5,
             "Cinq jours de rencontres avec les coopératives et les artisans bénéficiaires de microcrédit de tout le "
             "Maroc.", 14),
    FairSeed("salon-artisanat-fes", "Salon régional de l'artisanat de Fès", "المعرض الجهوي للصناعة التقليدية بفاس",
             "Fez regional crafts fair", "Fès", "Place Boujloud", 49, 7,
             "Le salon des artisans de Fès-Meknès : céramique, cuir, tissage, cèdre sculpté.", 12),
    FairSeed("foire-argan-agadir", "Foire de l'argan d'Agadir", "معرض الأركان بأكادير", "Agadir argan fair", "Agadir",
             "Place Al Amal", -75, 4, "Les coopératives d'argan du Souss présentent leurs huiles et leur amlou.", 8),
    FairSeed("marche-solidaire-rabat", "Marché solidaire de Rabat", "السوق التضامني بالرباط", "Rabat solidarity market",
             "Rabat", "Esplanade de Bab El Had", -160, 3,
             "Le marché itinérant de l'artisanat solidaire fait étape à Rabat.", 10),
]


@dataclass(frozen=True)
class PickupSeed:
    slug: str
    name: str
    kind: str  # PickupKind value
    city: str
    address: str
    opening_hours: str
    phone: str


PICKUP_POINTS = [
    PickupSeed("espace-solidaire-sale", "Espace de commerce solidaire de Salé", "solidarity_space", "Salé",
               "Avenue Mohammed V, Complexe de l'Oulja, 11000 Salé", "Mardi–dimanche 9h30–19h", "+212 537 84 12 30"),
    PickupSeed("espace-solidaire-casablanca", "Espace de commerce solidaire de Casablanca", "solidarity_space",
               "Casablanca", "Boulevard Abdelmoumen, angle rue Soumaya, 20340 Casablanca", "Lundi–samedi 10h–20h",
               "+212 522 98 45 10"),
    PickupSeed("boutique-proximite-rabat-agdal", "Boutique de proximité Agdal", "proximity_shop", "Rabat",
               "12 rue Oued Fès, Agdal, 10080 Rabat", "Lundi–samedi 9h–13h, 15h–19h", "+212 537 77 21 05"),
    PickupSeed("boutique-proximite-marrakech-gueliz", "Boutique de proximité Guéliz", "proximity_shop", "Marrakech",
               "45 avenue Yacoub El Mansour, Guéliz, 40000 Marrakech", "Tous les jours 10h–20h", "+212 524 43 18 90"),
    PickupSeed("boutique-proximite-fes-batha", "Boutique de proximité Batha", "proximity_shop", "Fès",
               "3 place Batha, 30110 Fès", "Samedi–jeudi 9h–18h", "+212 535 63 40 22"),
    PickupSeed("boutique-proximite-agadir-talborjt", "Boutique de proximité Talborjt", "proximity_shop", "Agadir",
               "Rue du 29 Février, Talborjt, 80000 Agadir", "Lundi–samedi 9h–19h", "+212 528 82 66 14"),
    PickupSeed("boutique-proximite-tetouan-medina", "Boutique de proximité de la médina", "proximity_shop",
               "Tétouan", "Bab Okla, 93000 Tétouan", "Lundi–samedi 9h30–18h30", "+212 539 96 30 47"),
    PickupSeed("boutique-proximite-oujda-centre", "Boutique de proximité Oujda centre", "proximity_shop", "Oujda",
               "Boulevard Mohammed V, 60000 Oujda", "Lundi–samedi 9h–19h", "+212 536 68 52 19"),
]


@dataclass(frozen=True)
class GroupSeed:
    slug: str
    name: str
    city: str
    commission_bp: int
    description: str
    description_i18n: dict[str, str]
    members: tuple[str, ...]  # SupplierSeed.slug
    funders: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (name, kind)
    managed_by_demo_manager: bool = False


GROUPS = [
    GroupSeed("groupement-souss-argan", "Groupement solidaire Souss Argan", "Agadir", 800,
              "Les coopératives d'argan et de safran du Souss vendent ensemble, avec un conseiller commercial et "
              "l'appui d'une fondation.",
              {"ar": "تبيع تعاونيات الأركان والزعفران بسوس معا، بمساعدة مستشار تجاري ودعم مؤسسة.",
               "en": "The argan and saffron cooperatives of the Souss sell together, with a commercial adviser and "
                     "a foundation's support."},
              ("cooperative-tifaout", "cooperative-taitmatine", "mohamed-taroudant-safran", "yamna-essaouira-argan",
               "amina-tiznit-argent", "lahcen-tiznit-fibules"),
              (("Fondation Tamount pour le développement local", "funder"),
               ("Chambre d'artisanat Souss-Massa", "professional"),
               ("Hôtel Atlas Souss (acheteur)", "professional")),
              managed_by_demo_manager=True),
    GroupSeed("groupement-fes-medina", "Groupement des artisans de la médina de Fès", "Fès", 1200,
              "Potiers, maroquiniers, tisserandes et sculpteurs de la médina mettent en commun la vente, "
              "l'emballage et l'expédition.",
              {"ar": "يتقاسم خزافو ودباغو ونساجات ونحاتو المدينة القديمة البيع والتغليف والشحن.",
               "en": "Potters, leather workers, weavers and carvers of the medina pool selling, packing and "
                     "shipping."},
              ("youssef-fes-zellige", "souad-fes-brocart", "mohamed-fes-tannerie", "said-fes-cedre",
               "khalid-fes-epices", "karim-meknes-cuir"),
              (("Association Fès Saïss pour l'emploi", "funder"), ("Riad Dar Batha (acheteur)", "professional"))),
]

# -- Arabic and English of the reference data ---------------------------------------------------
# Kept beside the French above, for the translation storage of crafts, fairs, pickup points and groups.

REGIONS: dict[str, tuple[str, str]] = {  # French region -> (Arabic, English)
    "Béni Mellal-Khénifra": ("بني ملال خنيفرة", "Béni Mellal-Khénifra"),
    "Casablanca-Settat": ("الدار البيضاء سطات", "Casablanca-Settat"),
    "Drâa-Tafilalet": ("درعة تافيلالت", "Drâa-Tafilalet"), "Fès-Meknès": ("فاس مكناس", "Fez-Meknes"),
    "L'Oriental": ("الشرق", "Oriental"), "Marrakech-Safi": ("مراكش آسفي", "Marrakesh-Safi"),
    "Rabat-Salé-Kénitra": ("الرباط سلا القنيطرة", "Rabat-Salé-Kénitra"), "Souss-Massa": ("سوس ماسة", "Souss-Massa"),
    "Tanger-Tétouan-Al Hoceïma": ("طنجة تطوان الحسيمة", "Tangier-Tetouan-Al Hoceima"),
}

CRAFTS: dict[str, tuple[str, str]] = {  # French craft -> (Arabic, English)
    "Artisane du cuir": ("صانعة جلد", "Leather craftswoman"), "Babouchier": ("صانع البلغة", "Babouche maker"),
    "Bijoutier": ("صائغ", "Jeweller"), "Bijoutière": ("صائغة", "Jeweller"), "Brodeuse": ("مطرزة", "Embroiderer"),
    "Créatrice de bijoux": ("مصممة حلي", "Jewellery designer"), "Céramiste": ("خزافة", "Ceramicist"),
    "Céramiste émailleur": ("خزاف ومزجج", "Ceramicist and glazer"), "Dattes et miel": ("تمور وعسل", "Dates and honey"),
    "Dinandier": ("نحاس", "Coppersmith"), "Eau de rose et cosmétiques": ("ماء الورد ومستحضرات التجميل",
                                                                       "Rose water and cosmetics"),
    "Herboriste": ("عشاب", "Herbalist"), "Huile d'argan": ("زيت الأركان", "Argan oil"),
    "Huile d'argan et amlou": ("زيت الأركان والأملو", "Argan oil and amlou"),
    "Maroquinier": ("صانع جلد", "Leather worker"),
    "Mélanges d'épices": ("خلطات التوابل", "Spice blends"), "Peintre sur bois": ("رسامة على الخشب", "Wood painter"),
    "Potier": ("خزاف", "Potter"), "Potière": ("خزافة", "Potter"),
    "Safran et miel": ("زعفران وعسل", "Saffron and honey"),
    "Savon noir et ghassoul": ("الصابون البلدي والغاسول", "Black soap and ghassoul"),
    "Sculpteur sur bois": ("نحات خشب", "Woodcarver"), "Tisserand": ("نساج", "Weaver"),
    "Tisserande": ("نساجة", "Weaver"),
    "Tisserande de brocart": ("نساجة الديباج", "Brocade weaver"),
    "Tisserande de kilims": ("نساجة الحنابل", "Kilim weaver"),
    "Tisserande de tapis": ("نساجة الزرابي", "Carpet weaver"), "Vannier": ("صانع سلال", "Basket maker"),
    "Vannière": ("صانعة سلال", "Basket maker"), "Ébéniste": ("نجار أثاث", "Cabinetmaker"),
}

FAIR_DETAILS: dict[str, dict[str, dict[str, str]]] = {  # fair slug -> venue and description in each language
    "foire-ess-casablanca": {
        "venue": {"fr": "Parc de la Ligue arabe", "ar": "حديقة الجامعة العربية", "en": "Arab League Park"},
        "description": {"ar": "خمسة أيام من اللقاءات مع التعاونيات والحرفيين المستفيدين من القروض الصغيرة "
                              "من كل المغرب.",
                        "en": "Five days of meetings with cooperatives and microcredit artisans from all over "
                              "Morocco."}},
    "salon-artisanat-fes": {
        "venue": {"fr": "Place Boujloud", "ar": "ساحة بوجلود", "en": "Boujloud Square"},
        "description": {"ar": "معرض حرفيي فاس مكناس: الخزف والجلد والنسيج والأرز المنحوت.",
                        "en": "The Fez-Meknes artisans' fair: ceramics, leather, weaving, carved cedar."}},
    "foire-argan-agadir": {
        "venue": {"fr": "Place Al Amal", "ar": "ساحة الأمل", "en": "Al Amal Square"},
        "description": {"ar": "تعرض تعاونيات الأركان بسوس زيوتها وأملوها.",
                        "en": "The Souss argan cooperatives show their oils and amlou."}},
    "marche-solidaire-rabat": {
        "venue": {"fr": "Esplanade de Bab El Had", "ar": "ساحة باب الحد", "en": "Bab El Had esplanade"},
        "description": {"ar": "السوق المتنقل للصناعة التقليدية التضامنية يحط رحاله بالرباط.",
                        "en": "The travelling market of solidarity crafts stops in Rabat."}},
}

PICKUP_NAMES: dict[str, tuple[str, str]] = {  # pickup slug -> (Arabic, English) names
    "espace-solidaire-sale": ("فضاء التجارة التضامنية بسلا", "Salé solidarity trade space"),
    "espace-solidaire-casablanca": ("فضاء التجارة التضامنية بالدار البيضاء", "Casablanca solidarity trade space"),
    "boutique-proximite-rabat-agdal": ("متجر القرب أكدال", "Agdal neighbourhood shop"),
    "boutique-proximite-marrakech-gueliz": ("متجر القرب جليز", "Gueliz neighbourhood shop"),
    "boutique-proximite-fes-batha": ("متجر القرب البطحاء", "Batha neighbourhood shop"),
    "boutique-proximite-agadir-talborjt": ("متجر القرب تالبرجت", "Talborjt neighbourhood shop"),
    "boutique-proximite-tetouan-medina": ("متجر القرب بالمدينة العتيقة", "Medina neighbourhood shop"),
    "boutique-proximite-oujda-centre": ("متجر القرب وسط وجدة", "Oujda centre neighbourhood shop"),
}
OPENING_HOURS: dict[str, tuple[str, str]] = {  # French opening hours -> (Arabic, English)
    "Mardi–dimanche 9h30–19h": ("من الثلاثاء إلى الأحد 9:30–19:00", "Tuesday–Sunday 9:30–19:00"),
    "Lundi–samedi 10h–20h": ("من الاثنين إلى السبت 10:00–20:00", "Monday–Saturday 10:00–20:00"),
    "Lundi–samedi 9h–13h, 15h–19h": ("من الاثنين إلى السبت 9:00–13:00 و15:00–19:00",
                                     "Monday–Saturday 9:00–13:00, 15:00–19:00"),
    "Tous les jours 10h–20h": ("كل يوم 10:00–20:00", "Every day 10:00–20:00"),
    "Samedi–jeudi 9h–18h": ("من السبت إلى الخميس 9:00–18:00", "Saturday–Thursday 9:00–18:00"),
    "Lundi–samedi 9h–19h": ("من الاثنين إلى السبت 9:00–19:00", "Monday–Saturday 9:00–19:00"),
    "Lundi–samedi 9h30–18h30": ("من الاثنين إلى السبت 9:30–18:30", "Monday–Saturday 9:30–18:30"),
}
GROUP_NAMES: dict[str, tuple[str, str]] = {  # group slug -> (Arabic, English) names
    "groupement-souss-argan": ("التجمع التضامني سوس أركان", "Souss Argan solidarity group"),
    "groupement-fes-medina": ("تجمع حرفيي المدينة العتيقة بفاس", "Fez medina artisans' group"),
}

# The stories written in French only above, in Arabic and English (merged into SUPPLIERS below).
_STORIES: dict[str, tuple[str, str]] = {
    "hassan-sale-oulja": ("فرني في مجمع الولجة على ضفة أبي رقراق. أصنع جرارا وصحونا للاستعمال اليومي، متينة وجميلة.",
                          "My kiln is at the Oulja complex on the Bouregreg. I make everyday jars and dishes, sturdy "
                          "and beautiful."),
    "naima-marrakech-ceramique": ("أزين صحوني بنقوش أمازيغية كانت جدتي ترسمها في وشمها. كل قطعة فريدة.",
                                  "I decorate my plates with the Berber patterns of my grandmother's tattoos. Each "
                                  "piece is unique."),
    "rkia-midelt": ("أنسج حنابل مخططة بأسنان المنشار كما كانت تفعل أمي. بقرضي أشتري الصوف بالجملة وأربح أكثر.",
                    "I weave striped, saw-toothed kilims like my mother. With my loan I buy wool wholesale and earn "
                    "a better living."),
    "zineb-boucherouite": ("أصنع البوشرويط من بقايا الأقمشة التي أجمعها من ورشات الخياطة. لا شيء يضيع، "
                           "كل شيء يصير لونا.",
                           "I make boucherouites from fabric offcuts collected at sewing workshops. Nothing is "
                           "wasted, everything becomes colour."),
    "abdellah-ouezzane": ("صوف وزان مشهور في كل المغرب. أنسج ثوب الجلابيب باليد كما كان يفعل جدي.",
                          "Ouezzane wool is famous all over Morocco. I weave djellaba cloth by hand, like my "
                          "grandfather."),
    "latifa-tetouan": ("يُطرز الطرز التطواني بخيط الحرير غرزة بعد غرزة. نحن ست جارات نشتغل معا بعد الظهر.",
                       "Tetouan embroidery is done in silk thread, stitch after stitch. Six of us neighbours work "
                       "together in the afternoons."),
    "rachida-tafraout": ("إدوكان تافراوت بلغة مطرزة بخيوط ملونة. أصنعها مع نساء عائلتي.",
                         "Tafraout idoukan are babouches embroidered with coloured thread. I make them with the "
                         "women of my family."),
    "karim-meknes-cuir": ("أصنع مساند ومحافظ مدرسية من الجلد. مكنني القرض من شراء آلة لخياطة الجلد.",
                          "I make leather poufs and satchels. The loan bought me a leather sewing machine."),
    "fadma-marrakech-paniers": ("سلالي من سعف النخيل مقواة بالجلد. تُحمل إلى السوق منذ الأزل.",
                                "My palm-leaf baskets are reinforced with leather. They have always been carried to "
                                "market."),
    "omar-oujda-alfa": ("في الجهة الشرقية نشتغل على حلفاء الهضاب العليا. أصنع منها سلالا وسجادات صلاة.",
                        "In the Oriental we work the alfa grass of the high plateaus. I make baskets and prayer mats "
                        "from it."),
    "lahcen-tiznit-fibules": ("التيزرزاي، المشبك المثلث، حلي جداتنا. أعيد صنعه باليد وأنقشه بالإزميل.",
                              "The tizerzai, the triangular fibula, is our grandmothers' jewel. I make it again by "
                              "hand, engraved with a burin."),
    "nadia-rabat-bijoux": ("أشتغل على الفضة والأحجار الكريمة في ورشة صغيرة بالأوداية.",
                           "I work silver and semi-precious stones in a small workshop in the Oudayas."),
    "rachid-essaouira-coffrets": ("أصنع علبا ورقع شطرنج من العرعار. مكنني القرض الصغير من شراء مخرطة خشب.",
                                  "I make thuya boxes and chessboards. The microcredit bought me a wood lathe."),
    "zahra-tetouan-bois-peint": ("أرسم الزهور والتوريقات على الخشب على الطريقة الأندلسية التطوانية.",
                                 "I paint flowers and arabesques on wood, in Tetouan's Andalusian tradition."),
    "yamna-essaouira-argan": ("ماعزي تتسلق أشجار الأركان وأنا أعصر الزيت. تجميلي أو غذائي، كل شيء يُصنع هنا.",
                              "My goats climb the argan trees and I press the oil. Cosmetic or culinary, everything "
                              "is made here."),
    "ahmed-zagora-dattes": ("أجني تمور واحة العائلة وعسل خلايانا. أبيع الآن في كل أنحاء البلاد.",
                            "I harvest dates from the family palm grove and honey from our hives. I now sell all "
                            "over the country."),
    "samira-casablanca-epices": ("رأس الحانوت عندي فيه سبعة وعشرون نوعا من التوابل. أخلطه بنفسي كما في سوق درب عمر.",
                                 "My ras el hanout has twenty-seven spices. I blend it myself, as in the Derb Omar "
                                 "souk."),
    "khalid-fes-epices": ("عشاب مثل أبي، أبيع التوابل والأعشاب ومستحضرات التجميل الطبيعية في مدينة فاس العتيقة.",
                          "A herbalist like my father, I sell spices, herbs and natural cosmetics in the Fez "
                          "medina."),
    "meryem-khenifra": ("أنسج حنابل زيانية بألوان زاهية كما تفعل نساء قبيلتي.",
                        "I weave bright Zayane hanbels, like the women of my tribe."),
    "driss-fes-dinanderie": ("أطرق النحاس الأحمر والأصفر في سوق الصفارين: صواني وفوانيس وأباريق.",
                             "I hammer copper and brass in the Seffarine souk: trays, lanterns and kettles."),
}
SUPPLIERS = [replace(s, story_ar=_STORIES[s.slug][0], story_en=_STORIES[s.slug][1]) if s.slug in _STORIES else s
             for s in SUPPLIERS]
APPLICANTS = [replace(s, story_ar=_STORIES[s.slug][0], story_en=_STORIES[s.slug][1]) if s.slug in _STORIES else s
              for s in APPLICANTS]
