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
esther rosalind matilda beatrix cecilia agnes edith lydia miriam naomi
phoebe priscilla rebekah tabitha vanessa veronica yvonne wendy tracy stacy gwen gwendolyn bridget siobhan aoife
niamh ciara saoirse orla eoin cian oisin padraig seamus fergus angus hamish alistair lachlan fiona morag
isla eilidh rhiannon cerys dafydd gareth gethin huw iwan bronwen travis dustin trevor clinton marcus damian
dominic adrian julian rupert giles hugh reginald cedric percy ernest leonard howard stanley clarence
theodore barnaby ezra silas jude felicity cordelia esme ottilie
consuelo dolores pilar montserrat nuria
inmaculada remedios encarnacion agustin agustín tomas tomás nicolas nicolás
martina valeria luciana antonella agustina facundo ezequiel lautaro ramiro cristian cristina
yolanda marcela patricio maximiliano rodolfo humberto alfonso armando arturo ernesto federico gerardo horacio
octavio osvaldo reinaldo salvador teodoro ulises
rafaela leticia letícia tatiana vitoria vitória
heloisa heloísa joaquim sebastiao sebastião goncalo gonçalo tiago duarte afonso rui nuno
florent benoit benoît
arnaud cedric cédric jerome jérôme laurent mathilde capucine anais anaïs oceane océane coralie emilie émilie
maxime romain
ruben bram thijs floor fleur maarten jeroen roel
gerrit henk kees ingeborg gudrun hildegard liesel dieter gunter günter rainer horst uwe jens kai lutz detlef
zbigniew grzegorz jaroslaw
dariusz mariusz slawomir sławomir beata dorota grazyna grażyna jolanta krystyna halina milos miloš dusan
dušan dragan zoran snezana snežana radovan branko ivana marija ana-maria andrija luka marko
ozan baris barış serkan volkan tolga ebru esra merve ozge özge seda sibel
niloufer farhad mehdi mohsen navid omid ramin shahram behnaz mahsa
nasrin parvaneh soraya
rana samar suha wafa noor jamal kamal nizar fadi hadi majid rashad
sami tamer wael yara dana lamia maha mona sahar
abhishek akash ajay alok ankit ankita anupam aparna
bhavna chetan dinesh gita geeta hemant jaya karan kunal lalit madhav mahesh manish naresh nitin pankaj pradeep
rakesh ritu rohit sachin sandhya sapna seema shweta smita sonia sudha sumit swati tarun uma usha
varun vinod vivek yogesh
jiahui jianguo xiaoyu yifan zihao haoyu meiling
chunhua guoqiang hiroko kazuki masako noriko ryo shota takumi tomoko yoshiko yusuke daisuke haruki shinji
jisung minho seungmin sunghoon yerin hyejin jiwon
ahmad-faiz bayu dewi fitri indah joko kartika lestari rina
sari wahyu wulan yanti agus budi eko nguyet thuy quynh khanh vinh
ifeoma chioma uchenna ikechukwu
adaora babatunde temitope oluwatobi damilola kehinde taiwo femi bisi abimbola kwesi kojo kwaku ama esi afua akua
nana adjoa fiifi tsitsi rudo farai chipo tinashe nyasha sibusiso nokuthula bongani mpho lerato
lesedi neo tumelo wanjiku wairimu muthoni kipkemboi chebet jelagat amani baraka imani
torbjorn mikko juha pekka sanna tuula kaisa anneli hilkka
ville antti timo ilkka maija leena riikka outi
yael noam eitan oren lior gal ori roni shai tal yosef moshe avraham yitzhak
chaim rivka chana sarit limor orly
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
