// Training data for the person-name scorer (detectors/person-name-model.ts): chat messages built from templates,
// names, places, products and organisations of this file's own, written for it and kept apart from every split that
// measures the detector. Words that appear in values.ts, corpus.ts, fresh-split.ts or name-split.ts are dropped when
// this module loads (a test checks that none is left), so no measured name or place can be learned by heart. Half of
// the people come from this file's lists (many outside the detector's lexicons), half from the lexicons themselves,
// as names in real messages partly would; the same for places and products.
//
// Each list and template is split in two by position: the training set draws from four fifths of each, the dev set
// (where thresholds are chosen) from the other fifth, so the dev set measures names and sentences the scorer never saw.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FIRST_NAMES } from "../../src/privacy/detectors/first-names.js";
import { PLACES, PRODUCTS } from "../../src/privacy/detectors/gazetteer.js";
import { SURNAMES } from "../../src/privacy/detectors/surnames.js";
import { fillTemplate, type LabelledMessage } from "./corpus.js";
import { Random } from "./values.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The files whose words the training data must not hold: every generator the detector is measured with. */
export const MEASURED_FILES = ["values.ts", "corpus.ts", "fresh-split.ts", "name-split.ts", "people-split.ts"].map(
  (file) => path.join(here, file),
);

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

// Given names and family names written for this set, across cultures; many are outside the lexicons on purpose.
const OWN_GIVEN = words(`
Aurelio Benedikt Casimir Desmond Evander Fitzgerald Gideon Horatio Ignatius Jolyon Lysander Montgomery Peregrine
Quentin Rupert Septimus Torquil Ulysses Valentin Wilbur Xavier Yorick Zebedee Alaric Bertram Crispin Dorian Eamon
Clementine Delphine Eulalia Philippa Georgiana Henrietta Imogen Josephine Leonora Marguerite Octavia Perpetua
Rosamund Theodora Ursula Wilhelmina Cordelia Millicent Ottilie Seraphina Tallulah Anneliese Briony Cressida
Adaeze Chiamaka Obinna Nnamdi Uchenna Folake Oluwaseun Kehinde Taiwo Yewande Kofi Akosua Yaw Efua Kwesi Adjoa
Nkechi Ifeoma Chukwudi Babatunde Mosunmola Ayodele Olufemi Chidinma Ebere Somto Amarachi Ngozi Tendai Farai
Rutendo Tatenda Nyasha Kudzai Thandiwe Sipho Lindiwe Bongani Nomvula Mandla Zanele Lerato Tshepo Kagiso Palesa
Njeri Wanjiru Kipchoge Chebet Jelagat Otieno Akinyi Muthoni Wekesa Nafula Makena Amani Zuberi Halima Rehema
Svetlana Yaroslav Bogdan Miroslava Radoslav Zbigniew Wojciech Agnieszka Małgorzata Krzysztof Dorota Jarosław
Vesna Dragana Milica Nemanja Bojana Zoran Goran Snježana Tomislav Marija Ludmila Vasilisa Timofey Arseniy Yelena
Zdeněk Radek Jiřina Bohumil Vlasta Lubomír Csaba Zsófia Levente Boglárka Gergely Ildikó Tünde Zoltán Réka
Aarav Ishaan Vihaan Advait Reyansh Saanvi Aadhya Ananya Kavya Diya Pranav Siddharth Tejas Vikrant Yashodhara
Lakshmi Sarojini Padmavati Gopal Venkat Srinivas Nandini Revathi Shankar Bhavana Harshad Ketaki Mrinalini
Farzana Nusrat Tanvir Rashed Shafiq Jannatul Mahmuda Arif Saima Kamran Bilal Sana Zainab Usman Hina Faisal
Yerlan Aigerim Nursultan Dinara Bakhyt Gulnara Timur Azamat Madina Ruslan Kamila Anvar Dilnoza Sherzod Nodira
Afsaneh Behrouz Shirin Dariush Golnaz Farhad Laleh Kourosh Mitra Babak Roya Siamak Parisa Omid Niloufar Kaveh
Tariq Layla Hamza Nadia Karim Salma Youssef Amira Khalid Samira Rashid Dalal Mahmoud Hanan Bassam Lubna Jamal
Eitan Noa Yonatan Tamar Avraham Shira Ariel Talia Oren Yael Nadav Michal Elior Hadas Gilad Maayan Amit Liora
Kemal Zeynep Murat Elif Emre Ayşe Burak Selin Cem Deniz Ozan Gizem Serkan Pınar Onur Büşra Kaan Irmak Tolga
Thanh Hoa Quang Linh Tuan Ngoc Phuong Khanh Huong Long Trang Duy Hieu Nhung Vinh Xuan Bao Thuy
Somchai Nattaya Kittisak Siriporn Anan Malee Prasert Wanida Chatchai Rattana Pimchanok Thanawat Arunee
Haruki Sakura Takumi Yui Ren Mio Sota Hina Yuto Aoi Riku Mei Kaito Yuna Hayato Rin Kenta Airi Shota Koharu
Jiwoo Seojun Hayoon Siwoo Jiho Subin Yuna Hyunwoo Eunji Jaehyun Sora Minjae Dahye Woojin Haneul Seoyeon
Zhiwei Xiaoling Haoran Yuting Zihan Shuang Jianguo Lihua Wenjie Yiming Qingyu Xiaomei Jiayi Hongwei Ruiqi
Thiago Caio Letícia Renata Otávio Jussara Raimundo Iracema Valdemar Graziela Anderson Rosângela Wellington
Maximiliano Florencia Agustina Facundo Ezequiel Milagros Valentín Candela Nahuel Ayelén Lautaro Rocío Bautista
Itziar Aitor Ainhoa Unai Nerea Iker Maialen Asier Leire Gorka Amaia Xabier Idoia Koldo Garazi Jokin
Siobhán Ciarán Niamh Oisín Aoife Pádraig Róisín Eoghan Caoimhe Tadhg Saoirse Cormac Gráinne Diarmuid Fionnuala
Eilidh Callum Morag Hamish Iona Fraser Kirsty Angus Catriona Lachlan Mhairi Alasdair Rhona Struan Isla
Rhodri Cerys Gethin Ffion Iolo Bethan Dafydd Nia Emrys Sioned Aneurin Lowri Cadfael Eluned
Sølvi Torstein Ingeborg Halvard Ragnhild Eskil Solveig Trygve Gunnhild Vidar Åsa Leif Signe Torbjørn
Kaisa Eero Aino Juhani Sirkka Tapio Ilona Veikko Marjatta Pentti Hilkka Lauri Tuula Arto Riikka
Ludovico Ginevra Pietro Costanza Tommasino Fiammetta Raffaele Annunziata Corrado Donatella Gualtiero Serafina
Géraldine Thibaut Solène Maxence Apolline Baptiste Clothilde Gauthier Héloïse Florent Capucine Aymeric
Waltraud Siegfried Gudrun Eberhard Irmgard Hartmut Rosemarie Reinhard Liselotte Dietmar Brunhilde Wilfried
Kalani Keoni Leilani Makoa Noelani Kahiau Moana Tane Aroha Rawiri Anahera Wiremu Mere Hemi Kiri
Tayanita Ahanu Nayeli Chayton Kachina Takoda Winona Hototo Aiyana Elan Catori Istas Kimi Mika
`);
const OWN_SURNAMES = words(`
Ashcombe Blackwood Cavendish Dunmore Everleigh Fanshawe Greenhalgh Hargreaves Illingworth Jevons Kettering
Lockhart Merriweather Northcote Ormsby Pemberton Quarrington Rattray Sedgwick Tolliver Underhill Vexley
Wetherell Yardley Abernathy Birtwistle Culpepper Dimmock Etheridge Featherstonehaugh Gillingham Hawtrey
Adebayo Okonkwo Chukwuemeka Oyelaran Adeyemo Mensah Asante Boateng Owusu Nkrumah Appiah Darko Kuffour
Eze Obi Nwosu Okafor Uzoma Ogundipe Balogun Akintola Fashola Olatunji Onyekachi Anyanwu Ikemefuna
Moyo Ncube Dube Sibanda Mthembu Nkosi Dlamini Khumalo Zulu Mokoena Molefe Ndlovu Chikwanha Mudenda
Kamau Mwangi Njoroge Wafula Omondi Kiprono Chelimo Korir Nyaga Mutua Kariuki Barasa Muriuki Ochieng
Wiśniewski Wójcik Kowalewska Zieliński Szymczak Dąbrowski Kozłowski Mazur Krawczyk Piotrowski Michalak
Novotný Dvořák Procházka Kučera Veselý Horák Němec Pokorný Marek Hájek Jelínek Růžička Beneš Fiala
Horváth Kovács Szabó Tóth Nagy Varga Kiss Molnár Farkas Balogh Papp Takács Juhász Lakatos Mészáros
Petrović Jovanović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević Todorović
Volkov Sokolov Lebedev Kozlov Novikov Morozov Petrov Vinogradov Zaitsev Pavlov Semenov Golubev Bogdanov
Chaudhary Deshpande Iyengar Joshi Kapoor Banerjee Chatterjee Mukherjee Bhattacharya Naidu Reddy Pillai
Menon Nair Rajan Krishnamurthy Sundaram Ramaswamy Hegde Shetty Patil Gokhale Apte Kulkarnee Trivedi
Siddiqui Qureshi Chaudhry Rizvi Hashmi Farooqi Ansari Mirza Baig Hussain Abbasi Jafri Zaidi Bukhari
Haddad Khoury Nassar Saleh Hamdan Mansour Farouk Aziz Rahman Jaber Darwish Habib Kanaan Salameh
Tehrani Ahmadi Karimi Hosseini Moradi Rostami Jafari Sadeghi Rahimi Ebrahimi Shirazi Esfahani Tabrizi
Yıldız Çelik Aydın Öztürk Yılmaz Doğan Kılıç Aslan Çetin Kurt Özdemir Korkmaz Güneş Bulut Tekin
Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
Srisuk Chaiyaporn Wongsawat Rattanakorn Suksawat Boonmee Jaidee Kongkaew Thongchai Saetang
Nakamura Kobayashi Yoshida Yamamoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Ikeda Hashimoto Ishikawa
Choi Jung Kwon Hwang Ahn Song Jeon Hong Shin Baek Nam Moon Ryu Cha Yoo
Zhou Wu Xu Sun Hu Zhu Gao Lin He Ma Luo Zheng Liang Xie Song Deng Feng Cao Peng Zeng
Albuquerque Cavalcanti Figueiredo Magalhães Nogueira Siqueira Vasconcelos Brandão Queiroz Guimarães
Echeverría Goicoechea Iturbide Larrañaga Olaizola Aguirre Etxeberria Zabala Arrieta Goñi Urrutia
Quiroga Villanueva Bustamante Cifuentes Escobar Figueroa Montalvo Saavedra Valenzuela Zamora Paredes
O'Donoghue McGillicuddy Ó'Súilleabháin MacAllister McCorkindale Fitzmaurice O'Flaherty MacGregor
Llewellyn Pritchard Vaughan Prosser Gwynne Rhys-Evans Bowen Meredith Parry Cadwallader
Haugland Bjørklund Fjeldstad Solberg Lindqvist Sandvik Østergaard Rasmussen Thorsen Kjeldsen Holmberg
Virtanen Korhonen Mäkinen Nieminen Hämäläinen Laaksonen Heikkinen Koskinen Järvinen Lehtonen Salminen
Castellani Buonarroti Esposito Ferraro Galli Mancini Rinaldi Santoro Vitale Morelli Barbieri Fontana
Dufresne Lavoie Gagnon Bouchard Tremblay Cloutier Pelletier Beaulieu Fournier Girard Rousseau Vasseur
Brandstetter Hufnagel Kessler Lindemann Obermaier Pfisterer Rückert Schwarzkopf Unterberger Wendlandt
Kahananui Kealoha Makoa Ngata Parata Tawhiri Horomona Whaanga Te Rangi Waititi
Blackfeather Runningwater Yellowhorse Two-Bears Redcloud Lonetree Whitehorse Manyhorses
`);

// Places, organisations and products written for this set: things with capitals that are not people.
const OWN_PLACES = lines(`
Tromsø
Ouagadougou
Bariloche
Tbilisi
Gjirokastër
Hallstatt
Ushuaia
Vientiane
Chefchaouen
Paramaribo
Wellington Harbour
Oaxaca
Plovdiv
Trondheim
Arequipa
Luang Prabang
Samarkand
Bukhara
Mostar
Kotor
Zermatt
Rovaniemi
Matera
Ronda
Ghent
Lübeck
Tartu
Kaunas
Sapporo
Kanazawa
Nara
Hoi An
Da Lat
Siem Reap
Hampi
Udaipur
Jodhpur
Pokhara
Thimphu
Mombasa
Lamu
Essaouira
Tozeur
Windhoek
Swakopmund
Stellenbosch
Franschhoek
Byron Bay
Wanaka
Queenstown
Rotorua
Nuuk
Akureyri
Lofoten
Bergen
Ålesund
Visby
Aarhus
Odense
Groningen
Maastricht
Leuven
Dinant
Colmar
Annecy
Carcassonne
Biarritz
Porto Alegre
Ouro Preto
Paraty
Valparaíso
Mendoza
Cuenca
Popayán
Antigua Guatemala
Mérida
Tulum
Savannah Riverfront
Asheville
Boise
Spokane
Duluth
Halifax
Moncton
Whitehorse
Yellowknife
Kelowna
`);
const OWN_PRODUCTS = lines(`
Kindling Reader
Roomba Combo
Nespresso Vertuo
Dyson Airwrap
Vitamix Ascent
Fitbit Charge
Kobo Clara
Sonos Arc
Bose Quietcomfort
Garmin Forerunner
Oura Ring
Peloton Tread
Instant Pot Duo
Ninja Foodi
Breville Barista
Aeropress Go
Chemex
Hario Switch
Moccamaster
Theragun Mini
Traeger Ironwood
Weber Genesis
Ooni Koda
Solo Stove
Yeti Rambler
Hydro Flask
Stanley Quencher
Osprey Farpoint
Patagonia Nano Puff
Arcteryx Beta
Birkenstock Boston
Hoka Clifton
Brooks Ghost
Salomon Speedcross
Allbirds Runner
Lego Technic
Nintendo Switch
Steam Deck
Oculus Quest
Playstation Portal
Xbox Series
Raspberry Pi
Arduino Nano
Logitech MX Master
Keychron
Wacom Intuos
Remarkable Tablet
Moleskine
Leuchtturm
Obsidian
Notion
Todoist
Trello
Basecamp
Figma
Canva
Grammarly
Duolingo
Babbel
Strava
Komoot
Headspace
Calm
Spotify Wrapped
Audible
Kindle Unlimited
Pocket Casts
Overcast
Signal
Telegram
Whatsapp
Viber
Discord
Mastodon
Bluesky
Threads
Substack
Patreon
Etsy
Shopify
Squarespace
Wix
Mailchimp
Hubspot
Salesforce
Zendesk
Freshdesk
Intercom
Quickbooks
Xero
Wise
Revolut
Monzo
Klarna
Venmo
Zelle
Stripe Atlas
Plaid
Coinbase
Kraken
Ledger Nano
Trezor
Metamask
Postgres
Redis
Elasticsearch
Kafka
Terraform
Ansible
Jenkins
Grafana
Prometheus
Sentry
Datadog
Vercel
Netlify
Heroku
Supabase
Firebase
Svelte
Nuxt
Laravel
Django
Flask
Fastapi
Pandas
Numpy
Scikit
Pytorch
Tensorflow
Jupyter
Matlab
Tableau
Looker
Metabase
Ibuprofen
Paracetamol
Amoxicillin
Metformin
Lisinopril
Omeprazole
Cetirizine
Melatonin
Zyrtec
Claritin
Pad Thai
Bibimbap
Shakshuka
Pho Bo
Bouillabaisse
Moussaka
Jollof Rice
Bobotie
Pierogi
Goulash
Ratatouille
Tiramisu
Baklava
Churros
Gazpacho
Sourdough Starter
Wordle
Catan
Carcassonne Board Game
Ticket to Ride
Dungeons and Dragons
Minecraft
Fortnite
Stardew Valley
Hollow Knight
Elden Ring
Zelda Tears
Mario Kart
Animal Crossing
Tetris Effect
Breaking Point
Stranger Things
Succession
Ted Lasso
Severance
Bridgerton
Wednesday Addams
Dune Messiah
Middlemarch
Wuthering Heights
Jane Eyre
Moby Dick
Anna Karenina
Don Quixote
Beloved
Lolita
Ulysses Annotated
Kafka on the Shore
Norwegian Wood
Sapiens
Atomic Habits
Thinking Fast and Slow
Educated
Becoming
`);
// One-word brands, software, shops, cars and medicines: capitalised words that open sentences with the verbs people
// take ("… told me the refund takes ten days"), so that the scorer does not learn that a verb after a lone word
// makes it a person. Names that are brands too ("Ford", "Honda", "Suzuki") are left out.
const OWN_BRANDS = words(`
Wrike Basecamp Todoist Dropbox Lastpass Bitwarden Mailchimp Hubspot Zendesk Intercom Freshdesk Xero Quickbooks Gusto
Rippling Okta Splunk Kibana Zabbix Nagios Bitbucket Gitea Circleci Sonarqube Snyk Dependabot Postman Swagger Storybook
Cypress Puppeteer Selenium Vitest Tailwind Vuetify Quasar Tauri Xamarin Godot Procreate Zeplin Calendly Qualtrics
Surveymonkey Jotform Zapier Ifttt Integromat Omeprazole Lisinopril Metformin Atorvastatin Amlodipine Sertraline
Citalopram Fluoxetine Gabapentin Tramadol Loratadine Carrefour Auchan Mercadona Migros Rewe Edeka Kaufland Sainsbury
Waitrose Ocado Argos Currys Walmart Costco Kroger Walgreens Toyota Mazda Subaru Nissan Hyundai Skoda Cupra Dacia
Renault Peugeot Citroen Vauxhall Lamborghini Maserati Porsche Polestar Rivian Booking Expedia Ryanair Easyjet Lufthansa
Vueling Wizzair Flixbus Bolt Lyft Deliveroo Glovo Wolt Doordash Instacart Gorillas Hellofresh Gousto Ocado Klook
Viator Tripadvisor Trivago Kayak Skyscanner Zillow Rightmove Zoopla Idealista Funda Craigslist Gumtree Leboncoin
Wallapop Shein Temu Aliexpress Lazada Shopee Tokopedia Rakuten Mercari Nubank Bunq Starling Chime Robinhood Coinbase
Binance Kraken Ledger Trezor Metamask Lichess Chessly Audible Kindlefire Crunchyroll Hulu Peacock Paramount Mubi
`);

const OWN_ORGS = lines(`
Thornbury Capital
Quillfeather Analytics
Harrowgate Insurance
Brackenridge Partners
Silvermoss Ventures
Ravenscroft Legal
Kestrel Robotics
Ambervale Foods
Coldharbour Brewing
Wyvern Aerospace
Foxglove Pharmacy
Marrowbone Bakery
Pennyroyal Press
Oakhurst Dental
Stillwater Clinic
Birchwood Primary
Hollins Grammar
Greyfriars Lodge
Saltmarsh Trust
Juniper Housing
Cobalt Mutual
Northwind Freight
Tidewater Marine
Lanternfish Games
Ironbark Builders
Meadowsweet Florists
Otterburn Outdoor
Pinecrest Realty
Sunhollow Solar
Wrenfield Council
Médecins Sans Frontières
Greenpeace
Oxfam
Unicef
Interpol
Europol
Nasa
Esa
Cern
Unesco
Fifa
Uefa
Nato
Opec
Ikea
Zara
Uniqlo
Decathlon
Lidl
Aldi
Tesco
Sainsbury
Waitrose
Carrefour
Auchan
Migros
Coop
Rewe
Edeka
Mercadona
Costco
Walmart
Target
Kroger
Wegmans
Trader Joe
`);

// Templates. {P} is a person: a full name, a given name or a family name after a title; {G} a given name alone; {F}
// a full name; {T} a thing (a place, a product or an organisation); {B} a one-word brand; {X} either a person or a
// thing (the words around it do not say which); {D} a weekday, {M} a month. Persons are labelled PERSON_NAME.
const PERSON_TEMPLATES = lines(`
{P} wants to move the call to {D}, is that fine?
{F} joined the team last week and needs an onboarding plan.
Can you draft a thank-you note for {P}?
I had lunch with {G} and we talked about the budget.
Remind me to phone {P} before the end of the day.
{G} keeps interrupting me in meetings, how should I handle it?
Write a birthday message for {G}, who turns sixty.
The report from {F} has a few errors, can you spot them?
{F} and {F} will lead the workshop.
Please forward this to {F}.
My neighbour {G} parks in front of my garage every night.
How do I politely decline {G}'s invitation?
{G}'s presentation ran over by twenty minutes.
Our landlord, {F}, wants to raise the rent.
Who should I put next to {G} at dinner?
Minutes: {F} opened the meeting, {F} took notes.
I think {G} is upset with me, what should I say?
Can you proofread the speech I wrote for {G}?
{F} asked whether the invoice was paid.
Draft a reply to {F} saying we accept the offer.
Thanks again to {G} for the help with the move.
Rota for the weekend: {G} on Saturday, {G} on Sunday.
Let {G} know the keys are under the mat.
Does {G} sound like a good name for a baby boy?
{G} from the gym invited me to a barbecue.
I'm writing a eulogy for my grandfather {F}.
Could {F} be the author of the anonymous note?
Interview notes: {F}, strong on data, weak on people.
{G}, can you send me the slides when you get a chance?
Hi all, {F} will cover for me while I'm away.
We are delighted to welcome {F} as our new treasurer.
Schedule a call with {F} and {F} on {D}.
Is it rude to remind {G} about the money they owe me?
{F} won the chess tournament in {M}.
Cheers,\n{G}
Kind regards,\n{F}
Best,\n{G}
— {F}
{F}\nProject Coordinator
Tell me a bedtime story about a girl called {G}.
{G} says the printer is broken again.
Ask {G} if she wants the spare ticket.
Both {G} and {G} have the flu this week.
Message from {F}: running late, start without me.
{F} (treasurer) approved the expenses.
Congratulations {G} on the new job!
A poem for {G}, who loves the sea.
Summarise what {F} said during the all-hands.
{G} and I are planning a trip in {M}.
Happy birthday {G}!
How do I tell {G} that the project is cancelled?
My coach {F} wants me to run three times a week.
Pass my thanks on to {G} and the rest of the crew.
When {G} arrives, give her the spare badge.
The new intern, {G}, starts on {D}.
{F}'s flight lands at six.
Order a cake for {G}'s farewell.
I owe {G} an apology for missing the party.
Photos from {G}'s wedding are finally online.
{P} called about the leaking roof.
Dinner at {G}'s place on {D}?
Reviewer: {F}. Approver: {F}.
Assign the ticket to {G}.
{G} thinks we should postpone the launch.
Can I borrow the van from {G} this weekend?
I bumped into {F} at the station today.
Why hasn't {G} answered my texts?
Make a seating plan with {G} near the window.
Our babysitter {G} can't come on {D}.
Draft an out-of-office that points people to {F}.
Did {F} sign the lease yet?
Write a short bio for our new coach, {F}.
How should I greet {G}'s parents?
It was {G} who found the bug, not me.
Give {G} the password to the shared drive.
Remind {F} about the dentist on {D}.
What should I get {G} for graduation?
I'm worried about {G}, he seems stressed.
Help me apologise to {F} for the mix-up.
{G} moved to Lisbon and I miss her.
{F} is my emergency contact.
Tomorrow {G} is taking the kids to school.
Last night {G} cooked for all of us.
Put {F} in copy when you reply.
Can {G} join the call late?
My colleague {G} keeps taking credit for my work.
Write a note for {G} to read at the ceremony.
We hired {F} as a part-time bookkeeper.
Ring {G} back when you can.
{F} has been promoted to team lead!
Meet {G} at the north entrance at noon.
Without {G} the event would have failed.
Rewrite this so {G} doesn't feel blamed.
`);
const THING_TEMPLATES = lines(`
What is the best time of year to visit {T}?
Is {T} worth the money?
How do I cancel my {T} subscription?
Compare {T} and {T} for a small team.
My {T} stopped charging overnight.
Plan three days in {T} on a budget.
Write a product description for the {T}.
Which is better for beginners, {T} or {T}?
Is there a student discount at {T}?
Recipe for {T} with what I have in the fridge.
Summarise the plot of {T} in five sentences.
Export my notes from {T} to markdown.
Set up {T} on a new laptop.
How far is {T} from the airport?
Are the trains to {T} running on {D}?
Does {T} ship to Canada?
The {T} update broke my settings.
Book a hotel near the old town in {T}.
Can I take {T} with coffee?
What does {T} cost per month?
Review of the {T}: pros and cons.
Is {T} gluten free?
Migrate our database from {T} to {T}.
Write a tweet announcing our partnership with {T}.
Find flights to {T} in {M}.
Why is {T} so popular right now?
How do I reset my {T}?
Tips for photographing {T} at sunset.
Draft a complaint to {T} about a late delivery.
Is {T} open on public holidays?
Translate the {T} user manual into French.
Integrate {T} with our website.
Our office moved to {T} last year.
Which vaccinations do I need for {T}?
I got a {T} for my birthday, how do I set it up?
Does {T} have an offline mode?
Best street food in {T}?
Troubleshoot {T} crashing on startup.
Is {T} suitable for children?
The {T} conference is in {M} this year.
Shares of {T} fell sharply today.
Weekend in {T} or {T}?
Write a haiku about {T}.
How long does delivery from {T} take?
Can {T} read files from a USB stick?
Where is the nearest {T} store?
We are flying into {T} on {D}.
Does the {T} come with a warranty?
Compare the battery life of the {T} with last year's model.
Give me a packing list for {T} in {M}.
Is {T} cheaper online?
Cancel my order with {T}.
The {T} app keeps logging me out.
How many calories are in {T}?
Rent a car in {T} for a week.
Our supplier {T} raised prices again.
How do I pair my {T} with my phone?
Write a press release for {T}.
Is it safe to travel to {T} right now?
{T} is down again, is there an outage?
{T} just announced a new version.
I ordered {T} for delivery, how long will it take?
Can you summarise the reviews of {T}?
Sync my calendar with {T}.
Is the museum in {T} free on Sundays?
Write a job ad for a role at {T}.
Which neighbourhood of {T} is best for families?
Uninstall {T} completely from my Mac.
How much is a ticket from {T} to the coast?
{B} sent me a code but it expired.
{B} wants me to verify my identity again.
{B} told me the refund takes ten days.
{B} says my subscription renews tomorrow.
{B} emailed about a data breach, is it real?
{B} won't open after the update.
{B} charged me twice this month.
{B} asked for my passport number, is that normal?
{B} is asking for a new password every week.
{B} or {B} for a team of five?
{B} support never replies.
{B} deleted my files, can I recover them?
{B} announced layoffs today.
{B} recommends restarting the router.
{B} thinks my account was hacked.
{B} just called about my order.
I switched from {B} last year and regret it.
Does anyone still use {B}?
We pay for {B} every month.
My doctor put me on {B} for a month.
Is it cheaper to order from {B} or to drive there?
`);
const EITHER_TEMPLATES = lines(`
What do you think of {X}?
I keep hearing about {X} lately.
{X} came up twice in the meeting.
Tell me more about {X}.
Everyone at work is talking about {X}.
Is {X} overrated?
My sister can't stop talking about {X}.
Have you heard of {X}?
Write a short paragraph about {X}.
I'm not sure about {X}, to be honest.
Any news about {X}?
{X} was mentioned in the newsletter.
Give me three fun facts about {X}.
So what's the deal with {X}?
Why does {X} matter so much to you?
{X} is all anyone posts about this week.
I saw {X} on the news this morning.
Do you know much about {X}?
My dad keeps bringing up {X}.
There's a long article about {X} in the paper.
Was {X} in the documentary we watched?
Make a quiz question about {X}.
The podcast had a segment on {X}.
Who told you about {X}?
I only found out about {X} yesterday.
Put {X} on the slide about highlights.
Draw a cartoon of {X}.
Can you explain why {X} is trending?
Let's not mention {X} at dinner.
`);
/** Sentences that open with a capitalised everyday word: {W}. */
const COMMON_OPENERS = lines(`
{W} keeps failing after the update, any idea why?
{W} is due on {D}, can you remind me?
{W} went up again this month.
{W} tips for a first-timer?
{W} or {W}, which should come first?
{W} took most of the morning.
{W} needs sorting before the audit.
{W} broke again, what now?
{W} done, moving on to the next task.
{W} ideas for a rainy weekend?
{W} and {W} are on the list for {D}.
{W} questions for the interview, please.
`);
/** Title-case phrases of everyday words: {H}. */
const TITLE_TEMPLATES = lines(`
Re: {H}
Subject: {H}
Is {H} worth reading?
Have you read {H}?
Add {H} to the agenda.
The {H} starts at nine.
Slides for {H} attached.
We watched {H} last night.
Please review the {H} document.
Minutes of the {H} meeting.
`);

const FILLERS = lines(`
Thanks in advance.
Quick question.
Sorry for the long message.
Any help appreciated!
Please keep it short.
No rush on this.
Let me know what you think.
Make it sound friendly.
Use British spelling.
Keep it under a hundred words.
This is urgent.
Happy Friday!
Good morning.
Also, one more thing.
Bullet points are fine.
PS: the deadline is {D}.
Update: the meeting moved to {M}.
FYI the Wi-Fi password changed.
Note: our HR portal is down.
`);

// Everyday words that open sentences and make up titles ("Backup failed", "Quarterly Forecast Review"): capitalised,
// they are the commonest capitalised words that are not names.
const COMMON_WORDS = words(`
backup upload download login signup checkout invoice receipt refund budget forecast quarterly monthly annual
spreadsheet slideshow template dashboard chart graph diagram outline summary agenda checklist handbook manual
guide tutorial workshop webinar seminar lecture course module lesson homework assignment exam quiz syllabus
parking commute traffic weather forecast heatwave snowfall rainfall flooding outage blackout shortage delay
grocery groceries laundry dishwasher fridge freezer oven microwave kettle toaster blender vacuum heater boiler
plumbing wiring roofing insulation renovation extension conservatory basement attic garage driveway patio
gardening composting recycling landfill pollution emissions carbon solar turbine battery charger adapter cable
router modem printer scanner keyboard monitor webcam headset microphone speaker laptop tablet smartwatch
firmware software hardware malware spyware firewall antivirus encryption decryption password passcode
onboarding offboarding payroll headcount recruitment hiring layoffs promotion appraisal feedback mentoring
coaching leadership teamwork brainstorming planning scheduling budgeting invoicing accounting bookkeeping
marketing advertising branding outreach fundraising sponsorship donations volunteering networking
deployment rollback hotfix bugfix refactor refactoring migration integration pipeline workflow automation
scripting debugging testing logging monitoring alerting tracing caching indexing sharding replication
breakfast brunch lunchtime dinnertime snack dessert smoothie milkshake pancakes waffles omelette porridge
cereal yoghurt sandwich burrito noodles dumplings curry stew casserole lasagne risotto salad soup
holiday vacation staycation getaway itinerary luggage suitcase passport visa boarding layover stopover
checkin checkout jetlag sunscreen swimsuit snorkel hiking camping kayaking skiing snowboarding surfing
cycling jogging running swimming rowing climbing bouldering stretching yoga pilates cardio workout
insomnia headache migraine backache toothache allergy allergies hayfever rash fever cough sneezing
pregnancy parenting toddler teenager nursery kindergarten daycare babysitting homeschooling tutoring
mortgage rent deposit landlord tenancy lease insurance premium pension savings investment dividend
shares stocks bonds crypto inflation recession unemployment taxes paperwork deadline reminder overdue
anyway honestly apparently obviously seriously basically literally definitely probably luckily sadly
urgent important optional mandatory confidential internal external preliminary final revised updated
draft proposal contract agreement amendment appendix addendum disclaimer footnote bibliography citation
headline caption subtitle tagline slogan logo banner flyer brochure poster newsletter podcast episode
playlist soundtrack album concert festival gig rehearsal audition premiere screening trailer sequel
prequel remake reboot spinoff franchise fandom cosplay merchandise collectible souvenir keepsake
airdrop scammer phishing hacker chargeback overdraft paycheck timesheet rota roster shift overtime
reservation booking cancellation rescheduling confirmation verification authentication authorisation
`);

const DAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday");
const MONTHS = words("January February March April June July August September October November December");

/** Every word of the files the detector is measured with, lower case. */
function measuredWords(): ReadonlySet<string> {
  const seen = new Set<string>();
  for (const file of MEASURED_FILES) {
    for (const word of readFileSync(file, "utf8").match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? []) seen.add(word.toLowerCase());
  }
  return seen;
}

const MEASURED = measuredWords();
/** Whether a name or thing shares no word with the measured generators. */
const unmeasured = (value: string) => value.split(/[\s'’-]+/).every((word) => !MEASURED.has(word.toLowerCase()));
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The lists, with every measured word dropped: this file's own, and the detector's lexicons and gazetteer
 * (capitalised), drawn from with probability {@link OWN_SHARE} and the rest.
 */
export const TRAINING_NAMES = {
  given: { own: OWN_GIVEN.filter(unmeasured), lexicon: [...FIRST_NAMES].map(capitalise).filter(unmeasured) },
  surnames: { own: OWN_SURNAMES.filter(unmeasured), lexicon: [...SURNAMES].map(capitalise).filter(unmeasured) },
  things: {
    own: [...OWN_PLACES, ...OWN_PRODUCTS, ...OWN_ORGS].filter(unmeasured),
    lexicon: [...PLACES, ...PRODUCTS].map(capitalise).filter(unmeasured),
  },
  brands: { own: [...new Set(OWN_BRANDS)].filter(unmeasured), lexicon: [] as string[] },
};
/** How often a name or thing comes from this file's lists rather than the detector's. */
const OWN_SHARE = 0.65;

interface Source {
  readonly own: readonly string[];
  readonly lexicon: readonly string[];
}

/** Which fifth of each list a set draws from. */
type Part = "training" | "dev";
const inPart = <T>(items: readonly T[], part: Part): T[] => items.filter((_, i) => (i % 5 === 4) === (part === "dev"));

const sourceIn = (source: Source, part: Part): Source => ({
  own: inPart(source.own, part),
  lexicon: inPart(source.lexicon, part),
});

const draw = (source: Source, r: Random): string => r.pick(r.chance(OWN_SHARE) ? source.own : source.lexicon);

interface Pools {
  readonly given: Source;
  readonly surnames: Source;
  readonly things: Source;
  readonly brands: readonly string[];
  readonly person: readonly string[];
  readonly thing: readonly string[];
  readonly either: readonly string[];
  readonly fillers: readonly string[];
  readonly common: readonly string[];
  readonly openers: readonly string[];
  readonly titles: readonly string[];
}

function pools(part: Part): Pools {
  return {
    given: sourceIn(TRAINING_NAMES.given, part),
    surnames: sourceIn(TRAINING_NAMES.surnames, part),
    things: sourceIn(TRAINING_NAMES.things, part),
    brands: inPart(TRAINING_NAMES.brands.own, part),
    person: inPart(PERSON_TEMPLATES, part),
    thing: inPart(THING_TEMPLATES, part),
    either: inPart(EITHER_TEMPLATES, part),
    fillers: inPart(FILLERS, part),
    common: inPart(COMMON_WORDS.filter(unmeasured), part),
    openers: inPart(COMMON_OPENERS, part),
    titles: inPart(TITLE_TEMPLATES, part),
  };
}

const TITLES = ["Mr", "Mrs", "Ms", "Dr.", "Prof.", "Mx"];

function fullName(p: Pools, r: Random): string {
  const given = draw(p.given, r);
  const surname = draw(p.surnames, r);
  const roll = r.next();
  if (roll < 0.08) return `${given} ${draw(p.given, r)} ${surname}`;
  if (roll < 0.13) return `${given} ${r.pick("ABCDEFGHJKLMNPRSTW".split(""))}. ${surname}`;
  return `${given} ${surname}`;
}

/** One sentence from a template: the value of each slot, labelled when it is a person. */
function sentence(p: Pools, template: string, r: Random): LabelledMessage {
  return fillTemplate(template, (slot) => {
    switch (slot) {
      case "F":
        return { value: fullName(p, r), category: "PERSON_NAME" };
      case "G":
        return { value: draw(p.given, r), category: "PERSON_NAME" };
      case "P": {
        const roll = r.next();
        if (roll < 0.45) return { value: fullName(p, r), category: "PERSON_NAME" };
        if (roll < 0.85) return { value: draw(p.given, r), category: "PERSON_NAME" };
        // The title is evidence the rules already use; only the family name is the value.
        return { value: draw(p.surnames, r), category: "PERSON_NAME" };
      }
      case "T":
        return { value: draw(p.things, r) };
      case "B":
        return { value: r.pick(p.brands) };
      case "X":
        return r.chance(0.5) ? { value: fullNameOrGiven(p, r), category: "PERSON_NAME" } : { value: draw(p.things, r) };
      case "W":
        return { value: capitalise(r.pick(p.common)) };
      case "H":
        return { value: titleCase(p, r) };
      case "D":
        return { value: r.pick(DAYS) };
      case "M":
        return { value: r.pick(MONTHS) };
      default:
        throw new Error(`unknown slot ${slot}`);
    }
  });
}

/** A title of everyday words: "Quarterly Budget Review", "Backup and Recovery". */
function titleCase(p: Pools, r: Random): string {
  const count = r.int(2, 4);
  const parts = Array.from({ length: count }, () => capitalise(r.pick(p.common)));
  if (count > 2 && r.chance(0.3)) parts.splice(1, 0, r.pick(["and", "of", "for", "the", "in"]));
  return parts.join(" ");
}

function fullNameOrGiven(p: Pools, r: Random): string {
  return r.chance(0.5) ? fullName(p, r) : draw(p.given, r);
}

/** A title before a lone family name in {P}: "Dr. Okafor". */
function withTitles(template: string, r: Random): string {
  return template.replace(/\{P\}/g, () => (r.chance(0.15) ? `${r.pick(TITLES)} {P}` : "{P}"));
}

/** Joins sentences into one message, shifting the spans. */
function join(parts: readonly LabelledMessage[], r: Random): LabelledMessage {
  let text = "";
  const spans: LabelledMessage["spans"][number][] = [];
  for (const part of parts) {
    if (text.length > 0) text += r.chance(0.2) ? "\n" : " ";
    for (const span of part.spans)
      spans.push({ ...span, start: span.start + text.length, end: span.end + text.length });
    text += part.text;
  }
  return { text, spans };
}

function message(p: Pools, r: Random): LabelledMessage {
  const roll = r.next();
  const main =
    roll < 0.35
      ? sentence(p, withTitles(r.pick(p.person), r), r)
      : roll < 0.55
        ? sentence(p, r.pick(p.thing), r)
        : roll < 0.77
          ? sentence(p, r.pick(p.either), r)
          : roll < 0.9
            ? sentence(p, r.pick(p.openers), r)
            : sentence(p, r.pick(p.titles), r);
  const parts = [main];
  if (r.chance(0.3)) parts.push(sentence(p, r.pick(p.fillers), r));
  if (r.chance(0.25)) parts.unshift(sentence(p, r.pick(p.fillers), r));
  if (r.chance(0.2)) parts.push(sentence(p, r.pick(r.chance(0.5) ? p.person : p.thing), r));
  return join(parts, r);
}

export interface NameTrainingSets {
  readonly training: readonly LabelledMessage[];
  readonly dev: readonly LabelledMessage[];
}

export const NAME_TRAINING_SEED = 20_240_611;

/** The training set and the dev set: disjoint fifths of the names, things and templates, fixed seeds. */
export function buildNameTrainingSets(trainingSize = 12_000, devSize = 3000): NameTrainingSets {
  const trainingPools = pools("training");
  const devPools = pools("dev");
  const r = new Random(NAME_TRAINING_SEED);
  const d = new Random(NAME_TRAINING_SEED + 1);
  return {
    training: Array.from({ length: trainingSize }, () => message(trainingPools, r)),
    dev: Array.from({ length: devSize }, () => message(devPools, d)),
  };
}
