// Common given names across cultures, for the person-name detector: a name from this list is a person even without
// a cue. Names that are also everyday English words or month names ("Will", "Grace", "May") are in
// AMBIGUOUS_FIRST_NAMES and need more evidence. Hand-written, a few hundred entries; not meant to be complete (names
// outside it are found by cues and by capitalisation).
const NAMES = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony donald
steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas
eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander patrick raymond dennis jerry
tyler aaron adam nathan henry douglas zachary peter kyle ethan walter noah jeremy keith roger terry gerald harold
sean carl arthur lawrence dylan jesse bryan billy bruce gabriel logan albert willie alan wayne elijah
randy vincent ralph eugene russell bobby philip liam oliver lucas owen luke caleb isaac connor evan ian oscar harry
charlie alfie archie freddie theo mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa
nancy betty margaret sandra ashley kimberly emily donna michelle melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel
carolyn janet catherine maria heather diane ruth julie olivia joyce virginia kelly lauren christina joan
evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara frances kathryn janice
abigail alice judy sophia denise doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte
marie kayla alexis lori chloe ella mia ava amelia harper zoe isla freya sophie lucy jasmine ellie
jose juan carlos luis jorge miguel pedro alejandro javier fernando diego pablo sergio andres andrés manuel antonio
francisco rafael ricardo eduardo roberto alberto raul raúl gonzalo mateo santiago sebastian sebastián lucia lucía
sofia sofía valentina camila isabel carmen elena marta paula julia daniela gabriela alejandra adriana mariana
beatriz ines inês joao joão thiago gustavo rodrigo felipe leonardo matheus larissa fernanda juliana guadalupe ximena
pierre michel philippe alain francois françois jacques bernard olivier thierry julien sebastien sébastien antoine
mathieu guillaume hugo camille lea léa manon chloé juliette claire isabelle nathalie celine céline aurelie aurélie
amelie amélie elodie élodie margaux hans klaus jurgen jürgen wolfgang stefan andreas matthias markus tobias lukas
felix maximilian jonas niklas florian lena katharina sabine ursula petra monika birgit heike anke greta ingrid
astrid sven lars nils erik bjorn bjørn olaf magnus henrik anders johan pieter joost daan sanne femke anouk sigrid
annika elin kirsten giuseppe giovanni francesco alessandro lorenzo matteo marco luca davide stefano paolo salvatore
vincenzo giulia chiara francesca federica martina alessia elisa giorgia silvia simona ivan dmitri dmitry sergei
sergey alexei alexey vladimir nikolai mikhail andrei pavel igor oleg yuri anastasia natasha natalia olga tatiana
svetlana irina ekaterina yulia katarzyna agnieszka malgorzata małgorzata piotr krzysztof tomasz marcin pawel paweł
jakub mateusz ewa magdalena joanna zofia petr jiri jiří tereza bogdan oksana taras olena mohammed muhammad mohamed
mohammad ahmed ahmad omar hassan hussein ibrahim youssef yusuf khalid abdullah mustafa karim tariq hamza bilal samir
rami nadia fatima aisha ayesha layla leila yasmin yasmine mariam maryam zainab huda salma amira rania dalia mehmet
emre burak elif zeynep ayse ayşe fatma reza dariush parisa shirin farah aarav arjun rahul rohan vikram amit anil
sanjay rajesh ravi suresh ramesh vijay deepak arun kiran nikhil pranav siddharth aditya ananya priya pooja neha
divya anjali kavya sneha lakshmi meera riya deepika sunita shreya ishaan harpreet gurpreet manpreet sandeep imran
faisal sana tanvir rashid nusrat xiaoming haruto yuto sota hiroshi takeshi kenji yuki kenta daiki akira satoshi
naoki sakura yui haruka yuka keiko yoko aiko minjun seojun jiho jiwoo minji seoyeon jisoo jimin thanh linh huong
tuan chidi chinedu emeka obinna ngozi chiamaka adaeze oluwaseun olumide tunde ayodele funmilayo folake yetunde kwame
kofi kwabena akosua abena amara zanele thabo sipho themba nomvula lerato naledi thandiwe tendai tatenda wanjiru
wambui njeri kamau otieno achieng baraka zawadi abebe tsion almaz yohannes mekdes
`;

/** Given names that are also common words, month names or short syllables: a name only with more evidence. */
const AMBIGUOUS = `
grace hope joy faith will bill mark rose may april june august amber ruby holly daisy jack frank grant chase hunter
madison jordan victoria lincoln chelsea florence sydney georgia savannah dallas houston paris
mason dawn summer autumn sky rich pat sandy carol bob ray guy miles drew dean penny ivy iris violet jade crystal
art cliff gene rod woody lily christian angel justice destiny harmony jean can jan max li yu lin jun hana ali wei
ming chen mei noor ama amani juma minh anh duc jing hui xin yan lei hao jie tao fang ying milan ana joe roy leo
lou sue kim june sage river storm bella nova luna star
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Given names, lower case: a person without further evidence. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(words(NAMES));
/** Given names that are also everyday words, lower case. */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(words(AMBIGUOUS));
