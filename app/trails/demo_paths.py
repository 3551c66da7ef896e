"""Drawn walking paths of the demo trails and green routes, as [lat, lon] (WGS84, 5 decimals).

No routing service is reachable from the demo, so the path is data: drawn by hand along the real streets,
squares, quays and rampart paths between the stops of app/demo/cities.json (street names in the comments).
The path passes the stops; it need not run through a stop's exact point (a stop inside a building or a
courtyard is reached from the street beside it).
"""

PATHS: dict[tuple[str, str], list[list[float]]] = {
    # Brugge: Markt - Breidelstraat - Burg - Blinde-Ezelstraat - Huidenvettersplein - Rozenhoedkaai - Dijver -
    # Gruuthusestraat - Onze-Lieve-Vrouwekerk - Mariastraat - Katelijnestraat - Wijngaardstraat - Wijngaardplein -
    # Begijnhof - Minnewater.
    ("brugge", "van-markt-tot-minnewater"): [
        [51.20861, 3.22389], [51.20853, 3.22430], [51.20842, 3.22478],  # across the Markt to the Belfort
        [51.20848, 3.22532],  # Markt, south-east corner: Breidelstraat
        [51.20841, 3.22572], [51.20834, 3.22610], [51.20830, 3.22640],  # Breidelstraat
        [51.20846, 3.22670], [51.20858, 3.22692],  # Burg
        [51.20838, 3.22722], [51.20812, 3.22748],  # past the Stadhuis
        [51.20796, 3.22770], [51.20778, 3.22778], [51.20760, 3.22784],  # Blinde-Ezelstraat and its bridge
        [51.20745, 3.22768], [51.20739, 3.22732],  # Huidenvettersplein
        [51.20737, 3.22693], [51.20731, 3.22648], [51.20724, 3.22603],  # Rozenhoedkaai
        [51.20712, 3.22580], [51.20694, 3.22584],  # Wollestraat, Sint-Jan Nepomucenusbrug
        [51.20672, 3.22618], [51.20646, 3.22652], [51.20614, 3.22664], [51.20588, 3.22638],  # Dijver
        [51.20574, 3.22590], [51.20568, 3.22535],  # Dijver to Gruuthusestraat
        [51.20540, 3.22505], [51.20512, 3.22478], [51.20480, 3.22456],  # Gruuthusestraat, Onze-Lieve-Vrouwekerk
        [51.20448, 3.22428], [51.20418, 3.22412], [51.20392, 3.22405],  # Mariastraat, Sint-Janshospitaal
        [51.20366, 3.22432], [51.20342, 3.22468], [51.20318, 3.22506],  # Mariastraat to Katelijnestraat
        [51.20288, 3.22522], [51.20262, 3.22516],  # Katelijnestraat
        [51.20238, 3.22488], [51.20210, 3.22456], [51.20184, 3.22432],  # Wijngaardstraat
        [51.20168, 3.22418], [51.20158, 3.22392], [51.20150, 3.22352],  # Wijngaardplein, bridge, Begijnhof
        [51.20112, 3.22330], [51.20070, 3.22324], [51.20040, 3.22340],  # through the Begijnhof, south gate
        [51.20006, 3.22362], [51.19972, 3.22380], [51.19944, 3.22389],  # along the Minnewater
    ],
    # Brugge green: Minnewaterpark - Katelijnepoort - Katelijnestraat - Arsenaalstraat - Koningin Astridpark -
    # Hauwerstraat - Coupure - Langestraat - Kruispoort - Kruisvest (the rampart with its windmills).
    ("brugge", "parken-en-vesten"): [
        [51.19850, 3.22600], [51.19880, 3.22660], [51.19912, 3.22724], [51.19936, 3.22770],  # Minnewaterpark
        [51.19978, 3.22752], [51.20030, 3.22730], [51.20070, 3.22716],  # Katelijnestraat
        [51.20102, 3.22768], [51.20140, 3.22842], [51.20184, 3.22918], [51.20226, 3.22982],  # Arsenaalstraat
        [51.20268, 3.23018], [51.20310, 3.23032], [51.20350, 3.23050],  # Koningin Astridpark
        [51.20384, 3.23130], [51.20410, 3.23236], [51.20432, 3.23340],  # Hauwerstraat
        [51.20466, 3.23452], [51.20532, 3.23502], [51.20610, 3.23536], [51.20690, 3.23562],  # Coupure
        [51.20760, 3.23582], [51.20832, 3.23612],  # Coupure to Langestraat
        [51.20862, 3.23720], [51.20896, 3.23842], [51.20932, 3.23962], [51.20962, 3.24050],  # Langestraat
        [51.20970, 3.24080],  # Kruispoort
        [51.21040, 3.24088], [51.21122, 3.24062], [51.21210, 3.24018], [51.21300, 3.23972],  # Kruisvest
        [51.21392, 3.23922], [51.21478, 3.23864], [51.21550, 3.23811],  # Bonne-Chieremolen to Sint-Janshuismolen
    ],
    # Oostende: Mercatordok - Vindictivelaan - Sint-Petrus-en-Paulusplein - Kerkstraat - Wapenplein -
    # Adolf Buylstraat - Vlaanderenstraat - Langestraat - Zeedijk (Albert I-Promenade) past the Kursaal.
    ("oostende", "van-haven-tot-zeedijk"): [
        [51.22880, 2.92330], [51.22912, 2.92288], [51.22950, 2.92240], [51.22986, 2.92208],  # Vindictivelaan
        [51.23000, 2.92194], [51.23012, 2.92118], [51.23008, 2.92024], [51.22998, 2.91930],  # church, Kerkstraat
        [51.22990, 2.91830],  # Wapenplein
        [51.23052, 2.91822], [51.23120, 2.91828], [51.23186, 2.91842],  # Adolf Buylstraat
        [51.23208, 2.91900], [51.23220, 2.91950],  # Vlaanderenstraat, James Ensorhuis
        [51.23272, 2.91912], [51.23318, 2.91838], [51.23352, 2.91742],  # Langestraat to the Zeedijk
        [51.23388, 2.91600], [51.23402, 2.91462], [51.23400, 2.91350],  # Zeedijk, Kursaal
        [51.23364, 2.91220], [51.23314, 2.91066], [51.23270, 2.90940],  # Albert I-Promenade
        [51.23226, 2.90848], [51.23180, 2.90800],
    ],
    # Oostende green: Leopoldpark - Leopold II-laan - Koningin Astridlaan - Japanese garden - Koninklijke Baan side
    # paths - Maria Hendrikapark - Stationsplein - ferry at the Visserskaai - Oosteroever - Fort Napoleon.
    ("oostende", "koninklijk-groen"): [
        [51.22950, 2.91250], [51.22918, 2.91100], [51.22874, 2.90880], [51.22826, 2.90640],  # Leopold II-laan
        [51.22776, 2.90390], [51.22722, 2.90140], [51.22680, 2.89920], [51.22650, 2.89750],  # Koningin Astridlaan
        [51.22548, 2.89972], [51.22432, 2.90260], [51.22320, 2.90560], [51.22200, 2.90900],  # Elisabethlaan
        [51.22070, 2.91260], [51.21934, 2.91540], [51.21850, 2.91650],  # Maria Hendrikapark
        [51.22018, 2.91790], [51.22210, 2.91960], [51.22420, 2.92110], [51.22620, 2.92230],  # Hendrik Serruyslaan
        [51.22804, 2.92362], [51.22990, 2.92470], [51.23170, 2.92560], [51.23310, 2.92640],  # Stationsplein, quay
        [51.23400, 2.92840],  # ferry across the harbour channel
        [51.23500, 2.93000], [51.23620, 2.93180], [51.23740, 2.93340], [51.23882, 2.93499],  # Oosteroever
    ],
    # Kortrijk: Grote Markt - Stadhuis - Sint-Maartenskerkhof - Begijnhof - Onze-Lieve-Vrouwestraat -
    # Groeningestraat - Broelkaai.
    ("kortrijk", "guldensporenstad"): [
        [50.82755, 3.26559], [50.82770, 3.26520], [50.82790, 3.26480],  # Grote Markt, Stadhuis
        [50.82800, 3.26540], [50.82808, 3.26610], [50.82815, 3.26668], [50.82820, 3.26700],  # Sint-Maartenskerkhof
        [50.82846, 3.26736], [50.82880, 3.26770],  # Begijnhof
        [50.82904, 3.26742], [50.82931, 3.26704],  # Onze-Lieve-Vrouwekerk
        [50.82960, 3.26660], [50.82988, 3.26614], [50.83010, 3.26580], [50.83020, 3.26559],  # Groeningestraat
    ],
    # Kortrijk green: Begijnhofpark - Onze-Lieve-Vrouwestraat - Broelkaai (the lowered Leie banks) - Leie footbridge
    # - Overleie - Koning Albertpark - Burgemeester Nolfstraat - Koningin Astridpark.
    ("kortrijk", "langs-de-leie"): [
        [50.82880, 3.26880], [50.82920, 3.26820], [50.82958, 3.26700], [50.82990, 3.26600],  # to the Broel
        [50.83020, 3.26520], [50.83040, 3.26450],  # Broelkaai
        [50.83100, 3.26480], [50.83180, 3.26520], [50.83270, 3.26600],  # footbridge, Overleie
        [50.83370, 3.26680], [50.83450, 3.26730], [50.83489, 3.26761],  # Koning Albertpark
        [50.83520, 3.26600], [50.83536, 3.26400], [50.83530, 3.26200], [50.83518, 3.26020],  # to Astridpark
        [50.83502, 3.25921],
    ],
    # Roeselare: KOERS at the station - Ooststraat - Grote Markt - Botermarkt - Sint-Michielsplein - Zuidstraat -
    # Zuidmolenstraat - Spanjestraat (Rodenbach).
    ("roeselare", "rodenbachstad"): [
        [50.94780, 3.13190], [50.94740, 3.13040], [50.94690, 3.12900], [50.94632, 3.12740],  # Ooststraat
        [50.94568, 3.12590], [50.94510, 3.12470], [50.94470, 3.12390],  # Grote Markt
        [50.94490, 3.12450], [50.94520, 3.12480],  # Stadhuis, Botermarkt
        [50.94490, 3.12400], [50.94460, 3.12350], [50.94430, 3.12322],  # Sint-Michielskerk
        [50.94380, 3.12450], [50.94300, 3.12650], [50.94200, 3.12900],  # Zuidstraat
        [50.94100, 3.13150], [50.94000, 3.13330], [50.93920, 3.13450],  # Zuidmolenstraat, Spanjestraat
    ],
    # Roeselare green: the towpath of the canal - Sterrebos lanes - the pond - Kasteel van Rumbeke.
    ("roeselare", "naar-het-sterrebos"): [
        [50.93300, 3.14500], [50.93150, 3.14450], [50.93000, 3.14380], [50.92880, 3.14280],  # towpath
        [50.92750, 3.14150], [50.92720, 3.14020], [50.92680, 3.13900],  # Sterrebos, the pond
        [50.92650, 3.13830], [50.92611, 3.13778],  # Kasteel van Rumbeke
    ],
    # Ieper: Grote Markt - Lakenhalle - Boterstraat - Elverdingsestraat (Saint George's) - Sint-Maartensplein -
    # Grote Markt - Meensestraat - Menenpoort - the ramparts' path - Rijselpoort.
    ("ieper", "lakenhalle-en-menenpoort"): [
        [50.85139, 2.88694], [50.85126, 2.88640], [50.85120, 2.88580],  # Grote Markt, Lakenhalle
        [50.85150, 2.88520], [50.85186, 2.88440], [50.85212, 2.88370], [50.85230, 2.88310],  # Elverdingsestraat
        [50.85214, 2.88400], [50.85196, 2.88460], [50.85181, 2.88500],  # Sint-Maartensplein
        [50.85168, 2.88590], [50.85160, 2.88700],  # along the Lakenhalle back to the Grote Markt
        [50.85176, 2.88810], [50.85194, 2.88940], [50.85210, 2.89070], [50.85222, 2.89167],  # Meensestraat
        [50.85100, 2.89250], [50.84950, 2.89350], [50.84800, 2.89300], [50.84700, 2.89150],  # ramparts' path
        [50.84665, 2.89080], [50.84620, 2.88960], [50.84600, 2.88920],  # down to the Rijselpoort
        [50.84615, 2.88962], [50.84630, 2.89000],  # Ramparts Cemetery
    ],
    # Ieper green: the castle moat - the ramparts' path from the Rijselpoort to the Menenpoort - Ieperlee side path -
    # the Verdronken Weide.
    ("ieper", "vestingenwandeling"): [
        [50.84650, 2.88600], [50.84620, 2.88750], [50.84610, 2.88880], [50.84630, 2.89000],  # Kasteelgracht
        [50.84720, 2.89180], [50.84820, 2.89300], [50.84900, 2.89350],  # ramparts' path
        [50.85020, 2.89320], [50.85120, 2.89250], [50.85180, 2.89200], [50.85222, 2.89167],  # to the Menenpoort
        [50.85350, 2.89200], [50.85500, 2.89300], [50.85700, 2.89450], [50.85900, 2.89550],  # Ieperlee side path
        [50.86100, 2.89650], [50.86300, 2.89800],  # Verdronken Weide
    ],
}
