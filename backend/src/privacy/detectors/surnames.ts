// Common family names across cultures, lower case, for the person-name detector: two capitalised words of which one
// is a family name from this list are a person, even without a cue ("Is Sabine Fischer coming?"). Hand-written from
// lists of the most frequent surnames of about twenty countries; not complete. Those that are also everyday words
// (the BIP-39 list stands for them: "Green", "Hill") or places ("Washington") are left out, and so are the particles
// of names such as "van Dijk" (the words of a name count one by one).
import { PLACES } from "./gazetteer.js";
import { BIP39_WORDS } from "./seed-phrase.js";

const PARTICLES = new Set("de da del della di van von der den ter ten la le du dela dos das al el bin".split(" "));
const SURNAME_WORDS = `
jones miller davis wilson anderson thomas moore jackson martin thompson harris
clark lewis robinson walker hall allen hernandez wright hill scott green adams baker nelson carter mitchell
perez roberts turner phillips campbell parker evans edwards collins stewart sanchez morris rogers reed cook morgan
bell murphy bailey rivera cooper richardson cox howard ward torres peterson gray ramirez watson brooks kelly sanders
price bennett wood barnes ross henderson coleman jenkins perry powell long patterson hughes flores washington butler
simmons foster gonzales bryant alexander russell griffin diaz hayes myers ford hamilton sullivan wallace
woods cole west jordan owens reynolds fisher ellis harrison gibson mcdonald marshall ortiz gomez murray freeman
wells webb simpson stevens tucker porter hunter hicks crawford boyd mason morales kennedy warren dixon ramos
burns gordon shaw holmes rice robertson hunt black daniels palmer mills nichols grant knight ferguson rose
stone hawkins dunn perkins hudson spencer gardner stephens payne pierce berry matthews arnold wagner willis ray
watkins olson carroll duncan snyder hart cunningham bradley lane andrews ruiz harper fox riley armstrong carpenter
weaver greene lawrence elliott chavez sims austin peters kelley franklin lawson fields gutierrez ryan carr
vasquez castillo wheeler chapman montgomery richards williamson johnston banks meyer bishop mccoy howell
alvarez morrison hansen garza harvey little burton stanley george jacobs reid fuller lynch dean
gilbert romero welch larson frazier burke hanson mendoza moreno bowman medina fowler brewer hoffman carlson
silva pearson holland douglas fleming jensen vargas byrd davidson hopkins may terry herrera wade soto walters curtis
neal caldwell lowe jennings barnett graves jimenez horton shelton barrett obrien castro sutton gregory mckinney lucas
miles craig rodriquez chambers holt lambert fletcher watts bates hale rhodes pena beck newman haynes mcdaniel mendez
bush vaughn parks dawson santiago norris hardy love steele curry powers schultz barker guzman page munoz ball keller
chandler leonard walsh lyons ramsey wolfe mullins benson sharp bowen daniel barber cummings hines
baldwin griffith valdez hubbard salazar reeves warner stevenson burgess tate cross garner mann mack moss
dennis mcgee farmer delgado aguilar vega glover manning cohen harmon rodgers robbins newton todd blair
higgins ingram reese cannon strickland townsend potter goodwin walton rowe hampton patton swanson joseph
francis goodman maldonado yates erickson hodges rios conner adkins webster norman malone hammond flowers
cobb moody quinn blake maxwell pope floyd osborne paul mccarthy guerrero lindsey estrada sandoval gibbs gross
stokes doyle sherman saunders wise colon gill alvarado greer padilla simon waters nunez ballard schwartz
mcbride houston christensen klein pratt briggs parsons mclaughlin zimmerman french buchanan moran copeland roy
pittman brady mccormick holloway brock poole frank logan owen bass marsh drake wong jefferson morton abbott
sparks patrick norton huff clayton massey lloyd figueroa carson bowers roberson barton lamb harrington casey
boone cortez clarke mathis singleton wilkins cain bryan underwood hogan mckenzie collier luna phelps mcguire allison
bridges wilkerson nash summers atkins
gonzalez sanchez ramirez torres flores rivera gomez diaz morales jimenez ruiz alvarez
romero navarro dominguez gil vazquez serrano ramos blanco molina castro ortiz rubio marin sanz iglesias nunez medina
garrido cortes castillo lozano guerrero cano prieto mendez calvo gallego vidal leon herrera marquez
pena cabrera flores campos vega fuentes carrasco diez caballero nieto aguilar pascual santana herrero montero
hidalgo gimenez ferrer duran vicente benitez mora arias vargas carmona crespo roman pastor soto saez velasco
moya soler parra bravo gallardo rojas
silva oliveira souza sousa lima pereira ferreira costa rodrigues almeida nascimento alves araujo
ribeiro gomes martins rocha barbosa melo cardoso correia dias moreira cavalcanti monteiro mendes freitas
pinto azevedo nunes vieira lopes fonseca
martin bernard thomas robert richard petit durand leroy simon laurent lefebvre michel
bertrand roux vincent fournier morel andre mercier dupont lambert bonnet francois legrand garnier
faure blanc guerin roussel nicolas perrin morin clement dumont
robin masson sanchez gerard boyer denis duval joly gautier roger roche roy noel meyer lucas
meunier jean perez dufour blanchard marie barbier brun dumas schmitt leroux colin
mueller meyer wagner schulz koch bauer richter
klein wolf schröder schroder neumann schwarz zimmermann braun hofmann hartmann lange schmitt werner
schmitz krause meier lehmann schmid schulze maier köhler kohler herrmann könig konig walter mayer huber kaiser fuchs
peters lang scholz möller moller weiß weiss hahn schubert vogel friedrich keller günther gunther frank berger
winkler roth beck lorenz baumann franke albrecht schuster simon ludwig böhm bohm winter kraus martin schumacher
krämer kramer vogt stein jäger jager otto sommer groß gross seidel heinrich haas schreiber graf schulte
dietrich ziegler kuhn kühn pohl engel horn busch bergmann thomas voigt sauer arnold wolff pfeiffer
jong jansen vries den berg bakker janssen visser smit meijer boer mulder groot bos vos
peters hendriks leeuwen dekker brouwer wit dijkstra smits graaf der meer kok jacobs haan
den heuvel der veen den broek bruijn bruin der heijden schouten beek willems vliet
hansen johansen olsen larsen pedersen nilsen kristiansen jensen karlsen johnsen pettersen eriksen berg
hagen johannessen andreassen jacobsen jørgensen jorgensen henriksen lund sørensen sorensen
jakobsen moen gundersen iversen strand solberg svendsen eide knutsen martinsen paulsen bakken kristoffersen
andersson karlsson eriksson larsson olsson persson svensson gustafsson pettersson jonsson
jansson hansson bengtsson lindberg lindström lindstrom berglund axelsson lundberg lundgren
mattsson berggren sandberg forsberg sjöberg sjoberg wallin engström engstrom danielsson håkansson hakansson
mäkinen makinen nieminen mäkelä makela hämäläinen hamalainen laine heikkinen koskinen järvinen
jarvinen lehtonen lehtinen saarinen salminen heinonen niemi heikkila kinnunen salonen turunen salo laitinen tuominen
russo ferrari greco gallo conti mancini costa
giordano rizzo lombardi moretti barbieri fontana santoro mariani rinaldi caruso ferrara galli martini leone longo
gentile martinelli vitale lombardo serra coppola santis d'angelo marchetti parisi villa conte ferraro ferri
fabbri bianco marini grasso valentini messina sala angelis gatti pellegrini palumbo sanna farina rizzi monti
kowalska wiśniewski wisniewski wójcik wojcik kowalczyk kamiński kaminski lewandowski
szymański szymanski woźniak wozniak dąbrowski dabrowski kozłowski kozlowski jankowski mazur
kwiatkowski krawczyk piotrowski grabowski nowakowski pawłowski pawlowski michalski nowicki adamczyk dudek zając
zajac wieczorek jabłoński jablonski król krol majewski olszewski jaworski wróbel wrobel malinowski pawlak witkowski
walczak stępień stepien górski gorski rutkowski michalak sikora ostrowski baran duda szewczyk tomaszewski
pietrzak marciniak wróblewski wroblewski zalewski jakubowski jasiński jasinski zawadzki sadowski bąk bak chmielewski
włodarczyk wlodarczyk borkowski czarnecki sawicki sokołowski sokolowski urbański urbanski kubiak maciejewski
ivanova smirnov smirnova kuznetsov kuznetsova popov popova vasiliev vasilieva petrov
sokolova mikhailov mikhailova novikov novikova fedorov fedorova morozov morozova volkov volkova alekseev alekseeva
lebedev semenov semenova egorov egorova pavlov pavlova kozlov kozlova stepanov stepanova nikolaev
nikolaeva orlov orlova andreev andreeva makarov makarova nikitin nikitina zakharov zakharova zaitsev zaitseva
solovyov solovyova borisov borisova yakovlev yakovleva grigoriev grigorieva romanov romanova vorobyov vorobyova
shevchenko bondarenko boyko tkachenko kovalchuk oliynyk shevchuk polishchuk lysenko marchenko
svoboda novotný novotny černý cerny procházka prochazka kučera kucera veselý vesely
němec nemec pokorný pokorny marek pospíšil pospisil hájek hajek jelínek jelinek král kral růžička
ruzicka beneš benes fiala sedláček sedlacek doležal dolezal zeman kolář kolar navrátil navratil čermák cermak
kovačević kovacevic babić babic marić maric jurić juric knežević knezevic vuković vukovic
petrović petrovic jovanović jovanovic nikolić nikolic ilić ilic đorđević djordjevic stojanović stojanovic
popescu popa pop radu dumitru stan stoica gheorghe matei ciobanu constantin ionescu rusu munteanu
nagy kovács kovacs tóth toth szabó szabo horváth horvath varga kiss molnár molnar németh nemeth farkas balogh
papadopoulos papadopoulou pappas papageorgiou oikonomou georgiou nikolaidis dimitriou vlachos
yilmaz kaya şahin sahin yıldız yildiz yıldırım yildirim aydin özdemir
ozdemir arslan doğan dogan kılıç kilic aslan çetin cetin kara koç koc kurt özkan ozkan şimşek simsek polat özer
ozer korkmaz erdoğan erdogan
hosseini hashemi ahmadi rezaei moradi jafari rahimi mousavi sadeghi kazemi ghorbani
esfahani shirazi
al-sayed al-rashid al-hashimi al-masri al-najjar al-khatib al-amin hassan
hussein ibrahim abdullah mahmoud khalil shamsi qureshi siddiqui ansari chaudhry chaudhary
malik butt sheikh mirza baig rana akhtar iqbal javed hashmi rizvi zaidi naqvi
singh kumar gupta verma iyengar rao naidu das bose
mukherjee chakraborty ghosh sen dutta mishra tiwari pandey dubey shukla tripathi yadav jha chauhan
desai mehta shah modi aggarwal bansal goel khanna kapoor malhotra chopra bhatia sethi arora ahuja
saxena srivastava sinha thakur rathore deshmukh kulkarni patil jadhav pawar shinde gaikwad kamath shetty
hegde subramanian venkatesh natarajan raman ramachandran balasubramanian hossain islam
uddin ahmed akter begum khatun sarkar talukder
li chen yang zhao wu xu sun ma zhu hu guo he lin luo gao zheng liang xie song tang han feng
deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding shen yao jin fu zhong cui
tan lam chan cheung wong leung ho ng yip kwok tsang chow lau
takahashi kato yoshida yamada sasaki yamaguchi
matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto yamashita ishikawa nakajima maeda fujita
ogawa goto okada hasegawa murakami kondo ishii saito sakamoto endo aoki fujii nishimura fukuda ota miura okamoto
matsuda nakagawa
jeong kang cho yoon jang lim han oh seo shin kwon hwang ahn song jeon hong ko moon yang
son bae baek heo yoo nam sim noh ha kwak sung cha joo woo
huynh phan vo bui do ho ngo duong ly truong dinh
bautista ocampo mendoza torres tomas andrada castillo flores villanueva ramos castro
rivera aquino navarro salazar mercado dela
santoso susanto gunawan halim hidayat kusuma lestari pratama saputra setiawan sutanto wibowo
tan lim ng ong wong goh chua chan koh teo ang yeo tay ho low toh sim chong chia
srisuk wongsawat chaiyaporn
okeke eze nwosu adewale ogunleye olawale balogun bello abubakar ibrahim musa
danjuma okoro obi nnamdi chukwu owusu osei agyeman appiah acheampong darko
nkrumah addo kwarteng ofori
kamau odhiambo njoroge kiprop cheruiyot wafula
khumalo mthembu zulu mokoena sithole mahlangu ngcobo ncube sibanda dube mpofu
nyathi chikwanha banda phiri mwale tembo lungu zulu
haile tesfaye bekele girma tadesse alemu getachew kebede
cohen peretz biton dahan avraham azoulay katz malka amar ohana yosef shapiro goldberg
rosenberg weinstein kaplan segal
`;

/** Family names, lower case. */
export const SURNAMES: ReadonlySet<string> = new Set(
  SURNAME_WORDS.split(/\s+/).filter(
    (word) => word.length > 1 && !BIP39_WORDS.has(word) && !PLACES.has(word) && !PARTICLES.has(word),
  ),
);
