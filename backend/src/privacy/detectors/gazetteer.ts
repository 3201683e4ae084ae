// Places and products, lower case, each word of a multi-word name on its own: a capitalised word from these lists is
// not part of a person's name found by capitalisation alone (person-name.ts counts two capitalised words mid-sentence
// as a name when none is an everyday word, a place or a product). Hand-written from lists of countries, regions and
// the world's largest cities, and of widely used brands and software; not complete. No word of the fresh split's
// templates (backend/bench/privacy/fresh-split.ts) is in them, so that split measures what they generalise to.
const PLACE_WORDS = `
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain bangladesh
barbados belarus belgium belize benin bhutan bolivia bosnia herzegovina botswana brazil brunei bulgaria burkina faso
burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia czech denmark
djibouti dominica ecuador egypt salvador eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia
germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland
israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho
liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius
mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands
zealand nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland
portugal qatar romania russia rwanda samoa senegal serbia seychelles sierra leone singapore slovakia slovenia
somalia spain sri lanka sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
trinidad tobago tunisia turkey turkmenistan tuvalu uganda ukraine emirates uruguay uzbekistan vanuatu vatican
venezuela vietnam yemen zambia zimbabwe scotland wales england britain korea arabia
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa
kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska
nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah
vermont virginia washington wisconsin wyoming ontario quebec alberta columbia manitoba saskatchewan bavaria
catalonia andalusia lombardy tuscany sicily siberia patagonia scandinavia balkans caribbean mediterranean
tokyo delhi shanghai dhaka cairo beijing mumbai chongqing karachi istanbul kinshasa lagos
kolkata manila tianjin guangzhou rio janeiro lahore bangalore bengaluru shenzhen moscow chennai bogota bogotá paris
jakarta lima bangkok hyderabad seoul nagoya london tehran chicago chengdu nanjing wuhan ho chi minh luanda
ahmedabad kuala lumpur xian hong kong dongguan hangzhou foshan shenyang riyadh baghdad surat madrid suzhou
pune harbin houston dallas toronto dar salaam miami belo horizonte singapore philadelphia atlanta fukuoka khartoum
barcelona johannesburg petersburg qingdao dalian washington yangon alexandria jinan guadalajara nairobi
abidjan addis ababa kampala dakar casablanca tunis algiers marrakech cape town durban pretoria harare
lusaka maputo kigali sydney melbourne perth adelaide auckland wellington vancouver calgary ottawa
boston seattle denver phoenix detroit portland austin diego francisco angeles vegas orleans nashville baltimore
berlin hamburg munich münchen cologne köln frankfurt stuttgart düsseldorf vienna wien zurich zürich geneva bern
rome roma milan milano naples napoli turin torino florence venice bologna lisboa seville sevilla
valencia bilbao lyon marseille toulouse nice bordeaux lille brussels antwerp amsterdam rotterdam hague utrecht
copenhagen stockholm oslo helsinki reykjavik dublin glasgow manchester liverpool birmingham leeds bristol
cardiff belfast oxford cambridge warsaw krakow prague budapest bucharest sofia belgrade zagreb ljubljana
athens kyiv kiev minsk vilnius riga tallinn yerevan baku almaty tashkent dubai doha abu dhabi muscat amman
beirut damascus jerusalem tel aviv kabul islamabad kathmandu colombo saigon phnom penh vientiane taipei
kyoto yokohama kobe sapporo busan incheon ulaanbaatar havana kingston caracas quito montevideo asunción asuncion
la paz brasília brasilia salvador recife fortaleza curitiba manaus medellín medellin cartagena monterrey tijuana
cancún cancun honolulu anchorage são sao paulo
`;

const PRODUCT_WORDS = `
adobe photoshop illustrator lightroom acrobat premiere indesign microsoft excel powerpoint onedrive sharepoint
skype bing xbox surface copilot youtube gmail chromebook pixel nest waze iphone ipad macbook
imac airpods icloud itunes siri facetime amazon alexa echo aws prime audible huawei xiaomi oppo
oneplus motorola nokia sony playstation nintendo lenovo thinkpad dell asus acer intel amd nvidia qualcomm
netflix hulu disney twitch tiktok instagram whatsapp telegram snapchat pinterest reddit twitter facebook
messenger dropbox salesforce slack zoom webex jira confluence bitbucket atlassian asana hubspot zendesk
shopify stripe paypal venmo revolut wise klarna uber lyft airbnb booking expedia tripadvisor ikea lego nike adidas
puma toyota honda ford tesla bmw mercedes audi volkswagen volvo hyundai kia nissan mazda subaru porsche ferrari
starbucks mcdonald mcdonalds coca cola pepsi nestle unilever heineken deezer tidal openai chatgpt gemini
claude mistral llama photoshop wordpress wix squarespace github gitlab docker kubernetes terraform ansible jenkins
postgres postgresql mysql mongodb redis kafka elasticsearch grafana prometheus datadog splunk tableau looker
snowflake databricks hadoop spark pytorch tensorflow jupyter vscode intellij pycharm webstorm xcode eclipse
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Place words, lower case. */
export const PLACES: ReadonlySet<string> = new Set(words(PLACE_WORDS));
/** Product and brand words, lower case. */
export const PRODUCTS: ReadonlySet<string> = new Set(words(PRODUCT_WORDS));
