"""Demo products composed from craft vocabularies: product `index` always gives the same product.

A title is an item ("Tajine de cuisson") followed by a finish ("à décor zellige bleu"); each
exists in French, Arabic and English, so most products carry real translations. Prices are
drawn in the range such a piece sells for in Morocco (MAD), stock is small as in a workshop.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from app.catalog.models import ListingStatus
from app.demo.data import CATEGORIES, CITIES, SUPPLIERS, SupplierSeed
from app.demo.photos import SUBTYPES, TONES

T = tuple[str, str, str]  # (fr, ar, en)


@dataclass(frozen=True)
class Item:
    name: T
    price: tuple[int, int]  # MAD, inclusive range
    text: T  # one sentence describing the piece


@dataclass(frozen=True)
class Vocabulary:
    items: tuple[Item, ...]
    finishes: tuple[T, ...]
    made: T  # "{city}" and "{name}" are filled in
    care: T
    # French item or finish -> which object the photo should show (see photos.SUBTYPES)
    looks: dict[str, int] = field(default_factory=dict)
    # French finish -> which colour the photo should show (see photos.TONES)
    tones: dict[str, int] = field(default_factory=dict)


It = Item
VOCABULARIES: dict[str, Vocabulary] = {
    "argan-et-terroir": Vocabulary(
        (It(("Huile d'argan alimentaire 250 ml", "زيت أركان غذائي 250 مل", "Culinary argan oil 250 ml"), (120, 260),
           ("Huile pressée à froid à partir d'amandons torréfiés, au goût de noisette.",
            "زيت معصور على البارد من لوز محمص، بنكهة البندق.",
            "Cold pressed from roasted kernels, with a hazelnut taste.")),
         It(("Huile d'argan cosmétique 100 ml", "زيت أركان تجميلي 100 مل", "Cosmetic argan oil 100 ml"), (140, 350),
           ("Pour la peau et les cheveux, pure et sans parfum ajouté.", "للبشرة والشعر، نقي ودون عطر مضاف.",
            "For skin and hair, pure with no added scent.")),
         It(("Amlou aux amandes 250 g", "أملو باللوز 250 غ", "Almond amlou 250 g"), (70, 160),
           ("Pâte d'amandes grillées, d'huile d'argan et de miel, à tartiner au petit-déjeuner.",
            "عجينة من اللوز المحمص وزيت الأركان والعسل تُدهن في الفطور.",
            "A spread of roasted almonds, argan oil and honey for breakfast.")),
         It(("Miel de thym 500 g", "عسل الزعتر 500 غ", "Thyme honey 500 g"), (140, 400),
           ("Miel de montagne récolté dans l'Anti-Atlas, épais et parfumé.", "عسل جبلي من الأطلس الصغير، كثيف وعطر.",
            "Mountain honey from the Anti-Atlas, thick and fragrant.")),
         It(("Safran de Taliouine 2 g", "زعفران تالوين 2 غ", "Taliouine saffron 2 g"), (60, 180),
           ("Pistils rouges séchés à l'ombre, appellation d'origine protégée.",
            "مياسم حمراء مجففة في الظل، تسمية منشأ محمية.",
            "Red threads dried in the shade, protected designation of origin.")),
         It(("Dattes Mejhoul 1 kg", "تمر المجهول 1 كغ", "Medjool dates 1 kg"), (90, 220),
           ("Grosses dattes moelleuses de la palmeraie, sans traitement.", "تمور كبيرة طرية من الواحة، دون معالجة.",
            "Large soft dates from the palm grove, untreated."))),
        (("bio", "عضوي", "organic"), ("de coopérative féminine", "من تعاونية نسائية", "from a women's cooperative"),
         ("récolte de l'année", "من محصول هذه السنة", "this year's harvest"),
         ("en flacon de verre", "في قنينة زجاجية", "in a glass bottle")),
        ("Produit à {city} par {name}.", "من إنتاج {name} في {city}.", "Produced in {city} by {name}."),
        ("À conserver à l'abri de la lumière.", "يُحفظ بعيدا عن الضوء.", "Keep away from light."),
    ),
    "poterie-et-ceramique": Vocabulary(
        (It(("Tajine de cuisson", "طاجين للطهي", "Cooking tajine"), (150, 600),
           ("Terre cuite tournée à la main, qui va sur le feu doux ou la braise.",
            "طين مشوي مصنوع باليد، يوضع على نار هادئة أو على الجمر.",
            "Hand-thrown earthenware for a low flame or embers.")),
         It(("Tajine de service", "طاجين للتقديم", "Serving tajine"), (180, 650),
           ("Émaillé et décoré, pour présenter les plats à table.", "مطلي ومزخرف لتقديم الأطباق على المائدة.",
            "Glazed and decorated, to bring dishes to the table.")),
         It(("Plat rond", "صحن مستدير", "Round dish"), (120, 480),
           ("Un grand plat pour le couscous ou les salades.", "صحن كبير للكسكس أو السلطات.",
            "A large dish for couscous or salads.")),
         It(("Lot de six bols", "طقم من ستة أوعية", "Set of six bowls"), (160, 420),
           ("Bols pour la harira ou le café, empilables.", "أوعية للحريرة أو القهوة، قابلة للتكديس.",
            "Bowls for harira or coffee, stackable.")),
         It(("Jarre à eau", "جرة ماء", "Water jar"), (250, 900),
           ("La terre poreuse garde l'eau fraîche tout l'été.", "الطين المسامي يحفظ الماء باردا طوال الصيف.",
            "The porous clay keeps water cool all summer.")),
         It(("Vase", "مزهرية", "Vase"), (140, 520),
           ("Un vase tourné, peint au pinceau fin.", "مزهرية مصنوعة على الدولاب ومرسومة بفرشاة رقيقة.",
            "A wheel-thrown vase painted with a fine brush."))),
        (("à décor zellige bleu", "بزخرفة زليج زرقاء", "with blue zellige pattern"),
         ("à l'émail vert de Tamegroute", "مطلي بالأخضر التامكروتي", "in Tamegroute green glaze"),
         ("aux motifs berbères", "بنقوش أمازيغية", "with Berber motifs"),
         ("en terre rouge naturelle", "من الطين الأحمر الطبيعي", "in natural red clay"),
         ("bleu de Fès", "بالأزرق الفاسي", "in Fez blue"),
         ("ocre et jaune safran", "بالمغرة والأصفر الزعفراني", "in ochre and saffron yellow")),
        ("Tourné et peint à {city} par {name}.", "صُنع ورُسم في {city} على يد {name}.",
         "Thrown and painted in {city} by {name}."),
        ("Lavage à la main conseillé.", "يُنصح بغسله باليد.", "Hand washing recommended."),
        {"Tajine de cuisson": 0, "Tajine de service": 0, "Plat rond": 1, "Jarre à eau": 2, "Vase": 2},
        {"à décor zellige bleu": 0, "bleu de Fès": 0, "en terre rouge naturelle": 1, "ocre et jaune safran": 1,
         "à l'émail vert de Tamegroute": 2},
    ),
    "tapis": Vocabulary(
        (It(("Grand tapis 200 × 300 cm", "زربية كبيرة 200 × 300 سم", "Large carpet 200 × 300 cm"), (5000, 12000),
           ("Noué main en laine de mouton, environ 120 000 nœuds au mètre carré.",
            "معقودة باليد من صوف الغنم، حوالي 120 ألف عقدة في المتر المربع.",
            "Hand-knotted sheep's wool, about 120,000 knots per square metre.")),
         It(("Tapis 150 × 230 cm", "زربية 150 × 230 سم", "Rug 150 × 230 cm"), (2500, 7000),
           ("Laine filée et teinte à la main, couleurs végétales.", "صوف مغزول ومصبوغ باليد بألوان نباتية.",
            "Hand-spun, hand-dyed wool in plant colours.")),
         It(("Tapis de chambre 120 × 180 cm", "زربية غرفة 120 × 180 سم", "Bedroom rug 120 × 180 cm"), (1500, 4000),
           ("Doux sous les pieds, à poser au pied du lit.", "ناعمة تحت القدمين، توضع أمام السرير.",
            "Soft underfoot, for the side of the bed.")),
         It(("Kilim 140 × 200 cm", "حنبل 140 × 200 سم", "Kilim 140 × 200 cm"), (1500, 4500),
           ("Tissage plat réversible, léger et solide.", "نسيج مسطح بوجهين، خفيف ومتين.",
            "Flat, reversible weave, light and strong.")),
         It(("Coussin en kilim", "وسادة من الحنبل", "Kilim cushion"), (250, 600),
           ("Housse tissée à la main, fermeture au dos.", "غطاء منسوج باليد بسحاب خلفي.",
            "Hand-woven cover with a back closure."))),
        (("Beni Ouarain à losanges", "بني وراين بالمعينات", "Beni Ouarain with lozenges"),
         ("rouge Zemmour", "بالأحمر الزموري", "in Zemmour red"),
         ("à rayures et dents de scie", "بخطوط وأسنان منشار", "with stripes and saw-teeth"),
         ("Azilal multicolore", "أزيلال متعدد الألوان", "multicoloured Azilal"),
         ("Taznakht au henné", "تازناخت مصبوغة بالحناء", "Taznakht dyed with henna")),
        ("Tissé à {city} par {name}.", "نُسجت في {city} على يد {name}.", "Woven in {city} by {name}."),
        ("Battre et aérer, nettoyage à sec une fois par an.", "تُنفض وتُهوّى، وتُنظف تنظيفا جافا مرة في السنة.",
         "Shake and air it; dry clean once a year."),
        {"Beni Ouarain à losanges": 0, "rouge Zemmour": 1, "à rayures et dents de scie": 1, "Azilal multicolore": 2},
    ),
    "textiles": Vocabulary(
        (It(("Fouta de hammam", "فوطة الحمام", "Hammam fouta"), (120, 280),
           ("Coton tissé à la main, absorbant et léger.", "قطن منسوج باليد، ماص وخفيف.", "Hand-woven cotton, light "
            "and absorbent.")),
         It(("Couverture en laine", "غطاء من الصوف", "Wool blanket"), (600, 1800),
           ("Une couverture épaisse pour l'hiver de montagne.", "غطاء سميك لشتاء الجبال.",
            "A thick blanket for mountain winters.")),
         It(("Nappe brodée", "مفرش مائدة مطرز", "Embroidered tablecloth"), (350, 1200),
           ("Brodée au fil de soie, point par point.", "مطرز بخيط الحرير غرزة غرزة.", "Embroidered in silk thread, "
            "stitch by stitch.")),
         It(("Écharpe tissée", "وشاح منسوج", "Woven scarf"), (150, 450),
           ("Laine fine et franges nouées à la main.", "صوف رقيق وأهداب معقودة باليد.", "Fine wool with hand-knotted "
            "fringes.")),
         It(("Plaid en sabra", "غطاء من الصبرة", "Sabra throw"), (450, 1400),
           ("La soie végétale du cactus donne un reflet lumineux.", "حرير الصبار النباتي يعطي لمعانا مضيئا.",
            "Cactus silk gives a luminous sheen."))),
        (("à rayures rouges et blanches", "مخطط بالأحمر والأبيض", "striped red and white"),
         ("bleu indigo", "بالأزرق النيلي", "in indigo blue"), ("écru naturel", "بلون طبيعي", "in natural ecru"),
         ("aux motifs du Rif", "بنقوش ريفية", "with Rif motifs"), ("vert et safran", "بالأخضر والزعفراني",
                                                                   "in green and saffron")),
        ("Tissé à {city} par {name}.", "نُسج في {city} على يد {name}.", "Woven in {city} by {name}."),
        ("Lavage à 30 °C.", "يُغسل في 30 درجة.", "Wash at 30 °C."),
    ),
    "cuir": Vocabulary(
        (It(("Babouches", "بلغة", "Babouches"), (150, 420),
           ("Cuir souple cousu main, semelle en cuir.", "جلد ليّن مخيط باليد بنعل من الجلد.",
            "Soft hand-stitched leather with a leather sole.")),
         It(("Sac cabas", "حقيبة تسوق", "Tote bag"), (450, 1200),
           ("Grand sac de marché, doublé, avec poche intérieure.", "حقيبة سوق كبيرة مبطنة بجيب داخلي.",
            "Large lined market bag with an inside pocket.")),
         It(("Sacoche", "محفظة كتف", "Shoulder bag"), (350, 900),
           ("Rabat, boucle en laiton et bandoulière réglable.", "غطاء وإبزيم من النحاس وحزام قابل للتعديل.",
            "Flap, brass buckle and adjustable strap.")),
         It(("Pouf rond", "مسند دائري", "Round pouf"), (500, 1300),
           ("Brodé à la main, livré vide à garnir.", "مطرز باليد، يُسلّم فارغا ليُحشى.",
            "Hand-embroidered, delivered empty to be stuffed.")),
         It(("Porte-monnaie", "محفظة نقود", "Purse"), (80, 220),
           ("Petit porte-monnaie à fermeture éclair.", "محفظة صغيرة بسحاب.", "Small zipped purse."))),
        (("jaune safran", "بالأصفر الزعفراني", "in saffron yellow"), ("fauve naturel", "بلون طبيعي",
                                                                       "in natural tan"),
         ("rouge de Fès", "بالأحمر الفاسي", "in Fez red"), ("à broderie de soie", "مطرز بخيوط الحرير",
                                                            "embroidered with silk thread"),
         ("en cuir tanné au végétal", "مدبوغ بمواد نباتية", "vegetable tanned")),
        ("Coupé et cousu à {city} par {name}.", "قُص وخيط في {city} على يد {name}.", "Cut and sewn in {city} by "
                                                                                       "{name}."),
        ("Nourrir le cuir avec un peu de cire.", "يُغذى الجلد بقليل من الشمع.", "Feed the leather with a little "
                                                                               "wax."),
        {"Babouches": 0, "Sac cabas": 1, "Sacoche": 1, "Porte-monnaie": 1},
    ),
    "vannerie": Vocabulary(
        (It(("Panier de marché", "قفة السوق", "Market basket"), (120, 380),
           ("Tressé serré, anses renforcées de cuir.", "مضفور بإحكام بمقابض مقواة بالجلد.",
            "Tightly plaited with leather-reinforced handles.")),
         It(("Plateau rond tressé", "طبق دائري مضفور", "Round woven tray"), (90, 300),
           ("Pour servir le pain ou décorer un mur.", "لتقديم الخبز أو تزيين الجدار.",
            "For serving bread or decorating a wall.")),
         It(("Corbeille à pain", "سلة الخبز", "Bread basket"), (60, 180),
           ("Petite corbeille avec couvercle conique.", "سلة صغيرة بغطاء مخروطي.", "Small basket with a conical "
                                                                                  "lid.")),
         It(("Chapeau du Rif à pompons", "قبعة ريفية بالكريات", "Rif hat with pompoms"), (150, 350),
           ("Le chapeau de paille des femmes de Chefchaouen.", "قبعة القش لنساء شفشاون.",
            "The straw hat of Chefchaouen's women.")),
         It(("Panier de rangement", "سلة تخزين", "Storage basket"), (150, 450),
           ("Grand panier à linge ou à jouets.", "سلة كبيرة للملابس أو اللعب.", "Large basket for laundry or "
                                                                               "toys."))),
        (("en doum naturel", "من الدوم الطبيعي", "in natural doum palm"), ("à bandes rouges", "بأشرطة حمراء",
                                                                            "with red bands"),
         ("en alfa", "من الحلفاء", "in alfa grass"), ("aux couleurs du Rif", "بألوان الريف",
                                                      "in Rif colours")),
        ("Tressé à {city} par {name}.", "ضُفر في {city} على يد {name}.", "Plaited in {city} by {name}."),
        ("Éviter l'humidité prolongée.", "يُتجنب تعريضه للرطوبة طويلا.", "Avoid prolonged damp."),
        {"Panier de marché": 0, "Plateau rond tressé": 1, "Corbeille à pain": 0, "Panier de rangement": 0},
    ),
    "bijoux": Vocabulary(
        (It(("Collier", "قلادة", "Necklace"), (250, 1500),
           ("Perles enfilées à la main sur un fil solide.", "حبات منظومة باليد على خيط متين.",
            "Beads strung by hand on a strong thread.")),
         It(("Bracelet manchette", "سوار عريض", "Cuff bracelet"), (300, 1800),
           ("Argent gravé au burin, motifs géométriques.", "فضة منقوشة بالإزميل بزخارف هندسية.",
            "Silver engraved with a burin, geometric motifs.")),
         It(("Fibule tizerzai", "تيزرزاي", "Tizerzai fibula"), (450, 2500),
           ("La broche triangulaire qui retient le drapé berbère.", "المشبك المثلث الذي يمسك اللباس الأمازيغي.",
            "The triangular brooch that holds a Berber drape.")),
         It(("Boucles d'oreilles", "أقراط", "Earrings"), (150, 700),
           ("Légères, crochets en argent massif.", "خفيفة بمشابك من الفضة الخالصة.", "Light, solid silver "
                                                                                   "hooks.")),
         It(("Bague", "خاتم", "Ring"), (180, 900),
           ("Montée à la main, taille ajustable.", "مصنوع باليد بمقاس قابل للتعديل.", "Hand-set, adjustable "
                                                                                   "size."))),
        (("en argent émaillé", "من الفضة المطلية بالمينا", "in enamelled silver"), ("au corail", "بالمرجان",
                                                                                    "with coral"),
         ("à l'ambre", "بالعنبر", "with amber"), ("en argent ciselé", "من الفضة المنقوشة", "in chased silver"),
         ("croix du Sud", "صليب الجنوب", "Southern cross")),
        ("Façonné à {city} par {name}.", "صيغ في {city} على يد {name}.", "Made in {city} by {name}."),
        ("Livré dans une pochette en tissu.", "يُسلّم في كيس من القماش.", "Delivered in a cloth pouch."),
        {"Collier": 0, "Bracelet manchette": 1, "Fibule tizerzai": 0, "Bague": 1},
    ),
    "bois-et-thuya": Vocabulary(
        (It(("Coffret à bijoux", "علبة حلي", "Jewellery box"), (180, 900),
           ("Loupe de thuya polie, charnières en laiton.", "عقدة عرعار مصقولة بمفصلات من النحاس.",
            "Polished thuya burl with brass hinges.")),
         It(("Échiquier", "رقعة شطرنج", "Chess board"), (600, 2200),
           ("Marqueterie de thuya et de citronnier, pièces comprises.", "ترصيع بالعرعار والليمون مع القطع.",
            "Thuya and lemonwood marquetry, pieces included.")),
         It(("Bol en thuya", "وعاء من العرعار", "Thuya bowl"), (150, 600),
           ("Tourné dans une seule pièce de bois.", "مخروط من قطعة خشب واحدة.", "Turned from a single piece of "
                                                                              "wood.")),
         It(("Plateau de service", "صينية تقديم", "Serving tray"), (250, 900),
           ("Sculpté à la main, finition à l'huile.", "منحوت باليد ومشطب بالزيت.", "Hand-carved, oil finish.")),
         It(("Boîte à épices", "علبة توابل", "Spice box"), (200, 700),
           ("Six compartiments et un couvercle coulissant.", "ست خانات وغطاء منزلق.", "Six compartments and a "
                                                                                  "sliding lid."))),
        (("à incrustations de citronnier", "مطعّم بخشب الليمون", "inlaid with lemonwood"),
         ("en loupe de thuya", "من عقدة العرعار", "in thuya burl"), ("en cèdre de l'Atlas", "من الأرز الأطلسي",
                                                                     "in Atlas cedar"),
         ("à décor peint à la main", "مرسوم باليد", "hand-painted"), ("à incrustations de nacre", "مطعّم بالصدف",
                                                              "inlaid with mother-of-pearl")),
        ("Travaillé à {city} par {name}.", "صُنع في {city} على يد {name}.", "Crafted in {city} by {name}."),
        ("Un chiffon sec suffit à l'entretien.", "تكفي خرقة جافة لتنظيفه.", "A dry cloth is all it needs."),
        {"Coffret à bijoux": 0, "Échiquier": 0, "Bol en thuya": 1, "Boîte à épices": 0},
    ),
    "epices-et-cosmetiques": Vocabulary(
        (It(("Ras el hanout 200 g", "رأس الحانوت 200 غ", "Ras el hanout 200 g"), (45, 120),
           ("Mélange de vingt-sept épices moulues le jour même.", "خليط من سبعة وعشرين نوعا من التوابل المطحونة في "
            "اليوم نفسه.", "A blend of twenty-seven spices ground the same day.")),
         It(("Savon noir à l'eucalyptus 500 g", "صابون بلدي بالأوكالبتوس 500 غ", "Eucalyptus black soap 500 g"),
           (40, 110), ("Le savon du hammam, à l'huile d'olive.", "صابون الحمام بزيت الزيتون.",
                       "The hammam soap, made with olive oil.")),
         It(("Ghassoul aux sept plantes 250 g", "غاسول بسبعة أعشاب 250 غ", "Seven-herb ghassoul 250 g"), (40, 100),
           ("Argile lavante de l'Atlas pour la peau et les cheveux.", "طين غاسل من الأطلس للبشرة والشعر.",
            "Atlas washing clay for skin and hair.")),
         It(("Eau de rose 250 ml", "ماء الورد 250 مل", "Rose water 250 ml"), (50, 140),
           ("Distillée dans la vallée des roses.", "مقطر في وادي الورود.", "Distilled in the valley of roses.")),
         It(("Cumin d'Alnif 250 g", "كمون ألنيف 250 غ", "Alnif cumin 250 g"), (40, 95),
           ("Graines entières, parfum puissant.", "حبوب كاملة بعطر قوي.", "Whole seeds with a strong scent.")),
         It(("Paprika doux 250 g", "فلفل أحمر حلو 250 غ", "Sweet paprika 250 g"), (30, 80),
           ("Piments séchés au soleil puis moulus.", "فلفل مجفف في الشمس ثم مطحون.", "Sun-dried peppers, then "
                                                                                    "ground."))),
        (("bio", "عضوي", "organic"), ("de coopérative", "من تعاونية", "from a cooperative"),
         ("recette traditionnelle", "وصفة تقليدية", "traditional recipe"), ("format familial", "حجم عائلي",
                                                                            "family size")),
        ("Préparé à {city} par {name}.", "حُضّر في {city} على يد {name}.", "Prepared in {city} by {name}."),
        ("À conserver au sec.", "يُحفظ في مكان جاف.", "Store in a dry place."),
    ),
}

# A handful of listings are left in the moderation queue or in other states, whatever N.
# Indexes 1 + 45k belong to the demo beneficiary's stand, so their portal shows every state too.
SPECIAL_STATUSES = {
    3: ListingStatus.PENDING, 8: ListingStatus.PENDING, 14: ListingStatus.PENDING, 41: ListingStatus.PENDING,
    77: ListingStatus.PENDING, 120: ListingStatus.PENDING, 181: ListingStatus.PENDING,
    11: ListingStatus.DRAFT, 91: ListingStatus.DRAFT, 19: ListingStatus.REJECTED, 46: ListingStatus.REJECTED,
    136: ListingStatus.CHANGES_REQUESTED, 150: ListingStatus.CHANGES_REQUESTED, 210: ListingStatus.ARCHIVED,
}
REASONS = {
    ListingStatus.REJECTED: "Les photos ne montrent pas le produit vendu.",
    ListingStatus.CHANGES_REQUESTED: "Merci de préciser les dimensions dans la description.",
}
TRANSLATED_SHARE = 0.67  # about two products in three carry Arabic and English translations

_BY_CATEGORY: dict[str, list[SupplierSeed]] = {
    c.slug: [s for s in SUPPLIERS if s.category == c.slug] for c in CATEGORIES
}

_KINDS = {c.slug: c.photo_kind for c in CATEGORIES}


@dataclass(frozen=True)
class ProductSeed:
    index: int
    supplier: SupplierSeed
    category: str
    title: T
    description: T
    price_mad: int
    stock: int
    status: ListingStatus
    translated: bool
    photo_variants: tuple[int, ...]  # indexes into the category's photo pool
    age_days: float  # how long ago it was published


def product(index: int, pool_sizes: dict[str, int]) -> ProductSeed:
    """The demo product number `index` (stable across runs, so seeding can top up)."""
    rng = random.Random(f"souk-demo-product:{index}")
    # Crafts in turn, and the artisans of a craft in turn: even a small demo fills every hall.
    category = CATEGORIES[index % len(CATEGORIES)].slug
    makers = _BY_CATEGORY[category]
    supplier = makers[(index // len(CATEGORIES)) % len(makers)]
    vocabulary = VOCABULARIES[category]
    item = rng.choice(vocabulary.items)
    finish = rng.choice(vocabulary.finishes)
    title = tuple(f"{a} {b}" for a, b in zip(item.name, finish, strict=True))
    city = CITIES[supplier.city]
    places = (supplier.city, city[1], city[2])
    made = tuple(m.format(city=p, name=supplier.name) for m, p in zip(vocabulary.made, places, strict=True))
    description = tuple(f"{a} {b} {c}" for a, b, c in zip(item.text, made, vocabulary.care, strict=True))
    low, high = item.price
    price = _round_price(rng.uniform(low, high))
    look = vocabulary.looks.get(finish[0], vocabulary.looks.get(item.name[0]))
    variants = _variants(category, look, vocabulary.tones.get(finish[0]), pool_sizes[_KINDS[category]])
    first = rng.choice(variants)
    others = [v for v in variants if v != first]
    photos = (first, rng.choice(others)) if others and rng.random() < 0.6 else (first,)
    return ProductSeed(
        index=index, supplier=supplier, category=category, title=title, description=description,  # type: ignore[arg-type]
        price_mad=price, stock=rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20)) if index % 23 else 0,
        status=SPECIAL_STATUSES.get(index, ListingStatus.PUBLISHED),
        translated=rng.random() < TRANSLATED_SHARE, photo_variants=photos,
        age_days=rng.uniform(0, 240),
    )


def _variants(category: str, look: int | None, tone: int | None, pool_size: int) -> list[int]:
    """The pool pictures showing the object sold (a plate for a plate) in its colour when the pool
    has it, else the object in any colour, else any picture."""
    kind = _KINDS[category]
    subtypes, tones = SUBTYPES.get(kind, 1), TONES.get(kind, 1)
    shaped = [v for v in range(pool_size) if look is None or subtypes == 1 or v % subtypes == look]
    coloured = [v for v in shaped if tone is None or v // subtypes % tones == tone]
    return coloured or shaped or list(range(pool_size))


def _round_price(value: float) -> int:
    """Prices as artisans set them: to 5 MAD under 200, to 10 above, to 50 above 2000."""
    step = 5 if value < 200 else 10 if value < 2000 else 50
    return max(step, int(round(value / step)) * step)
