"""Names and texts of the scale data set: made up, any likeness is chance. Dutch, as
people write them in the portal."""

from placements.models import Programme

# fmt: off

GIVEN_NAMES = (
    "Daan", "Sem", "Lucas", "Finn", "Levi", "Milan", "Bram", "Luuk", "Jesse", "Thijs", "Noah",
    "Liam", "Ruben", "Stijn", "Gijs", "Jayden", "Mohammed", "Ayoub", "Kevin", "Tim", "Max",
    "Lars", "Niels", "Sven", "Jens", "Rick", "Dylan", "Mats", "Owen", "Hamza", "Emma", "Julia",
    "Mila", "Tess", "Sara", "Yara", "Lotte", "Fenna", "Isa", "Nina", "Roos", "Zoë", "Anouk",
    "Lieke", "Femke", "Eva", "Noa", "Dewi", "Sanne", "Fleur", "Lisa", "Iris", "Amira", "Esmee",
    "Jasmijn", "Kim", "Britt", "Nora", "Ilse", "Demi"
)
SURNAMES = (
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden",
    "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek",
    "de Bruijn", "de Jong", "Schouten", "van Beek", "Willems", "van Dijk", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "Prins", "Blom", "Huisman", "Peeters", "Kuipers", "Veenstra",
    "Kramer", "van Wijk", "Postma", "Timmermans", "Arts", "Yilmaz", "El Amrani", "Nguyen",
    "Öztürk", "Bouzid", "Sahin", "Wijnands", "Evers", "Claassen", "Gerritsen", "Lammers"
)
COMPANY_TRADES = (
    "Installatietechniek B.V.",
    "Elektrotechniek B.V.",
    "Klimaattechniek",
    "Loodgieters en Installateurs",
    "Duurzame Installaties B.V.",
    "Koel- en Klimaattechniek",
    "Beveiligingstechniek B.V.",
    "Warmtetechniek",
    "Elektra & Service",
    "Installatiebedrijf",
)
PREFIXES = ("van den ", "van der ", "van ", "de ")
PROGRAMME_NAMES = {
    Programme.VMBO_B: "vmbo-b", Programme.VMBO_K: "vmbo-k", Programme.VMBO_G: "vmbo-g",
    Programme.VMBO_T: "vmbo-t", Programme.PRO: "praktijkonderwijs", Programme.VSO: "vso",
}  # fmt: skip
SCHOOL_KINDS = (
    "Vakcollege",
    "Techniekcollege",
    "Scholengemeenschap",
    "Het Lyceum",
    "Praktijkschool",
)
CITIES = (
    "Arnhem", "Nijmegen", "Ede", "Apeldoorn", "Zwolle", "Deventer", "Enschede", "Utrecht",
    "Amersfoort", "Tilburg", "Breda", "Eindhoven", "'s-Hertogenbosch", "Venlo", "Groningen",
    "Leeuwarden", "Assen", "Almere", "Haarlem", "Leiden", "Delft", "Rotterdam", "Dordrecht",
    "Gouda", "Alkmaar", "Hoorn", "Zaandam", "Hilversum", "Lelystad", "Emmen", "Helmond", "Oss"
)
STREETS = (
    "Industrieweg", "Stationsweg", "Kerkstraat", "Molenweg", "Dorpsstraat", "Nijverheidsweg",
    "Schoolstraat", "Energieweg", "Ambachtsweg", "Handelsweg", "Parallelweg", "Havenstraat",
    "Rijksweg", "Celsiusstraat"
)
MESSAGES = (
    "Hij heeft het goed naar zijn zin, vandaag mee geweest naar een klus in de wijk.",
    "Kunt u morgen even bellen over de werktijden? Ze mist nu de eerste les op vrijdag.",
    "Vanmorgen ziek gemeld, hij komt donderdag weer.",
    "Dank voor de update! Ik kom volgende week langs voor een stagebezoek.",
    "Werkschoenen en werkkleding zijn geregeld, ze kan maandag beginnen.",
    "Zou het mogelijk zijn om het tussentijdse gesprek een week te verschuiven?",
    "Hij vraagt goed door en pakt nieuwe dingen snel op.",
    "Graag nog de ingevulde veiligheidsinstructie retour, dan is alles compleet.",
    "Het eindgesprek staat gepland, de beoordeling volgt deze week.",
    "Ze was vandaag te laat zonder bericht; wilt u dit met haar bespreken?",
    "Prima, ik geef het door aan de mentor.",
    "Top, bedankt voor het begeleiden!",
)
CANCEL_REASONS = (
    "De leerling heeft een andere stageplek gevonden dichter bij huis.",
    "Het bedrijf heeft in deze periode te weinig werk voor een stagiair.",
    "Langdurig ziek; de stage wordt later opnieuw gepland.",
    "De leerling past beter bij een stage in de zorg.",
)
DECLINE_REASONS = (
    "In die periode zijn we met het hele team op een project buiten de regio.",
    "We hebben al twee stagiairs deze periode.",
    "De begeleider is dan op vakantie.",
)
REVIEW_COMMENTS = (
    "Kunt u de opmerking bij veiligheid nog toelichten?",
    "Het volgende stap-veld ontbreekt nog, graag aanvullen.",
    "Graag bij samenwerken een voorbeeld noemen.",
)
REMARKS = (
    "Pakt dit goed op; blijf vragen stellen als iets niet duidelijk is.",
    "Hier is nog groei mogelijk.",
    "Ruim voldoende.",
    "",
    "",
)
FEEDBACK_TITLES = ("Kennismakingsgesprek", "Voortgangsgesprek", "Eindgesprek")

# fmt: on
