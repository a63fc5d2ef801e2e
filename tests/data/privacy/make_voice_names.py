# ruff: noqa: E501
"""Writes ``voice_names.jsonl``: worker-voice grievances labelled with the people they name.

Run ``python tests/data/privacy/make_voice_names.py`` to regenerate. Grievances as
agents in the hubs write them (Spanish from Bogotá, Polish from Kraków, Hinglish from
Bengaluru, English), naming a supervisor, a colleague or themselves, with and without
cue words, plus texts that name nobody but are full of capitalised words (teams,
places, banks, months) that must survive. The names were written by hand for this
corpus, not drawn from the name lists the redaction ships, so recall on them is not a
measure of the lists against themselves. ``[[...]]`` marks a PERSON span, ``{{...}}``
an e-mail, ``<<...>>`` a phone number; the markers are removed and become offsets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

OUT = Path(__file__).with_name("voice_names.jsonl")
HELD_OUT_FILE = Path(__file__).with_name("voice_names_held_out.jsonl")
MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}|<<(.+?)>>")
TYPES = ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER")

TEXTS: dict[str, list[str]] = {
    "es": [
        "Mi supervisora [[María Fernández]] nos grita delante de todos cuando bajamos el AHT.",
        "[[María Fernández]] me negó el permiso para ir al médico.",
        "El coordinador [[Andrés Felipe Gómez]] cambia los turnos sin avisar.",
        "Trabajo con [[Luz Marina Ospina]] y ella también sufre el acoso de [[Jhon Jairo Cárdenas]].",
        "Soy [[Yesenia Muñoz]], del turno de la noche, y no me pagan las horas extra.",
        "La jefa [[Carolina Restrepo]] dijo que si nos quejamos nos despiden.",
        "Mi compañero [[Juan Camilo Vargas]] se desmayó y nadie llamó a la enfermería.",
        "Desde que llegó [[Diana Marcela Rojas]] no nos dejan ir al baño fuera de la pausa.",
        "[[Sebastián Arango]] y [[Paola Andrea Zapata]] manipulan las encuestas de CSAT.",
        "El gerente [[Óscar Londoño]] amenazó a mi compañera [[Marisol Agudelo]].",
        "Hablé con [[Fabián Osorio]] de Recursos Humanos y no hizo nada.",
        "La líder de equipo [[Natalia Henao]] revisa nuestros celulares.",
        "Me llamo [[Leidy Johana Pineda]] y pueden escribirme a {{leidy.pineda87@gmail.com}}.",
        "[[Esteban Salazar]] pide favores a cambio de mejores turnos.",
        "Mi número es <<+57 311 482 9067>>, soy [[Yuliana Ríos]], por favor llámenme.",
        "El supervisor [[Héctor Valencia]] descuenta el almuerzo aunque no lo tomemos.",
        "A [[Camilo Bermúdez]] lo sacaron por pedir el pago de dominicales.",
        "La señora [[Gloria Patiño]] de nómina dice que el error es nuestro.",
        "Mi coordinador [[Wilmer Castaño]] se burla de mi acento costeño.",
        "[[Ximena Betancur]] y yo pedimos agua en el piso 4 hace un mes.",
        "El señor [[Rigoberto Mejía]] nos obliga a quedarnos después del turno.",
        "La capacitación la dio [[Liliana Duque]] pero no nos la pagaron.",
        "Nos atiende siempre [[Alejandra Quintero]], que es muy amable, el problema es el horario.",
        "El jefe de piso [[Mauricio Arbeláez]] grita cuando la cola está llena.",
        "[[Pedro]] dijo que [[Valentina Castrillón]] ya se quejó antes.",
        "No hay aire acondicionado en la sede de Bogotá desde enero.",
        "Los turnos de Semana Santa se asignan sin consultar al equipo de Soporte Premium.",
        "El Banco de Bogotá no recibe nuestra nómina a tiempo y Recursos Humanos no responde.",
        "En la Calle 80 la ruta de transporte de la empresa no pasa después de las 10 pm.",
        "Nos piden cumplir el SLA de Telco Andina aunque falten tres agentes en el turno.",
    ],
    "pl": [
        "Mój kierownik [[Piotr Nowak]] krzyczy na nas przy całym zespole.",
        "[[Piotr Nowak]] nie zgodził się na urlop na żądanie.",
        "Koordynatorka [[Katarzyna Wiśniewska]] zmienia grafik bez uprzedzenia.",
        "Pracuję razem z [[Tomaszem Zającem]] i on też nie dostał premii.",
        "Nazywam się [[Agnieszka Mazur]] i od trzech miesięcy nie płacą mi za nadgodziny.",
        "Pani [[Magdalena Kaczmarek]] z kadr mówi, że to nasza wina.",
        "[[Marcin Krawczyk]] grozi zwolnieniem każdemu, kto się skarży.",
        "Szef zmiany [[Paweł Grabowski]] sprawdza nasze telefony.",
        "Koleżanka [[Joanna Pawlak]] zemdlała i nikt nie wezwał pomocy.",
        "[[Łukasz Michalski]] i [[Ewa Jabłońska]] fałszują wyniki ankiet CSAT.",
        "Rozmawiałam z [[Grzegorzem Królem]] z HR i nic nie zrobił.",
        "Team leaderka [[Monika Wieczorek]] nie pozwala wychodzić do toalety poza przerwą.",
        "Jestem [[Kasia Dudek]], można do mnie pisać na {{k.dudek@wp.pl}}.",
        "[[Bartek Sikora]] dostaje lepsze zmiany, bo jest kolegą kierownika.",
        "Mój numer to <<+48 601 234 567>>, [[Małgorzata Baran]], proszę o kontakt.",
        "Kierownik [[Rafał Szczepański]] odlicza przerwę obiadową, nawet gdy jej nie mamy.",
        "Pana [[Dariusza Witkowskiego]] zwolniono za to, że upomniał się o dodatek nocny.",
        "Pani [[Beata Górska]] z płac twierdzi, że błąd jest po naszej stronie.",
        "Mój koordynator [[Krzysztof Rutkowski]] wyśmiewa mój akcent.",
        "[[Justyna Walczak]] i ja prosimy o wodę na czwartym piętrze od miesiąca.",
        "Szkolenie prowadziła [[Aleksandra Sadowska]], ale nie zapłacono nam za nie.",
        "[[Michał Kubiak]] kazał nam zostać po zmianie bez zapłaty.",
        "Kierowniczka [[Zuzanna Jasińska]] krzyczy, gdy kolejka jest pełna.",
        "Słyszałam, że [[Dorota Kowalczyk]] już wcześniej składała skargę.",
        "Przełożony [[Jacek Wróbel]] przydziela nocki tylko nowym osobom.",
        "W biurze w Krakowie od stycznia nie działa klimatyzacja.",
        "Grafik na Wielkanoc ustalono bez konsultacji z zespołem Wsparcia Premium.",
        "Bank Pekao nie dostaje naszych pensji na czas, a Dział Kadr nie odpowiada.",
        "Autobus firmowy z ulicy Wielickiej nie jeździ po 22:00.",
        "Wymagają od nas SLA dla Telco Polska, choć na zmianie brakuje trzech osób.",
    ],
    "hi": [
        "Mera supervisor [[Rahul Sharma]] sabke saamne chillata hai jab AHT badh jata hai.",
        "[[Ramesh Iyer]] ne mujhe doctor ke paas jaane ki chhutti nahi di.",
        "TL [[Sunita Yadav]] bina bataye shift badal deti hai.",
        "Main [[Vikas Chauhan]] ke saath kaam karta hoon, usko bhi overtime nahi mila.",
        "Mera naam [[Neha Kulkarni]] hai aur teen mahine se night allowance nahi mila.",
        "[[Manoj Tiwari]] kehta hai ki complaint karoge to nikal denge.",
        "Manager [[Pooja Deshpande]] hamare phone check karti hai.",
        "Meri colleague [[Kavita Joshi]] behosh ho gayi aur kisi ne ambulance nahi bulayi.",
        "[[Sandeep Malhotra]] aur [[Deepa Menon]] CSAT survey mein gadbad karte hain.",
        "HR mein [[Arvind Pillai]] se baat ki par kuch nahi hua.",
        "Main [[Anjali Bhatt]] hoon, mujhe {{anjali.bhatt@rediffmail.com}} par likhiye.",
        "Mera number <<+91 98450 12345>> hai, [[Suresh Reddy]], please call kijiye.",
        "[[Rakesh Pandey]] sir lunch break ka paisa kaat lete hain.",
        "[[Sharma]] ji har roz hamein der tak rokte hain.",
        "[[Harpreet Kaur]] aur main ek mahine se paani maang rahe hain.",
        "Training [[Gurpreet Singh]] ne di thi par uska paisa nahi mila.",
        "[[Mohammed Irfan]] ko isliye nikala kyunki usne night allowance maanga.",
        "Floor manager [[Shabana Khan]] queue full hone par chillati hai.",
        "Team lead [[Vinod Nair]] sirf naye logon ko night shift deta hai.",
        "[[Ramesh]] sir washroom break par bhi taana maarte hain.",
        "Meri dost [[Lakshmi Venkatesh]] ne pehle bhi complaint ki thi.",
        "[[Abhishek Saxena]] hamari leave approve nahi karta.",
        "Supervisor [[Divya Raghavan]] hamein personal kaam ke liye bhejti hai.",
        "Quality team ke [[Prakash Hegde]] galat audit score dete hain.",
        "[[Nitin Agarwal]] ne kaha weekend par aana zaroori hai.",
        "Bengaluru office mein January se AC kaam nahi kar raha.",
        "Diwali ki shift bina team se pooche lagayi gayi.",
        "HDFC Bank mein salary time par nahi aati aur HR jawab nahi deta.",
        "Company cab Whitefield se raat 10 baje ke baad nahi chalti.",
        "Telco India ka SLA poora karne ko kehte hain jab shift mein teen log kam hain.",
    ],
    "en": [
        "My supervisor [[John Smith]] shouts at us in front of the whole team.",
        "[[Karen Mitchell]] refused my leave for a hospital appointment.",
        "Team lead [[Derek Walsh]] changes the rota without notice.",
        "I work with [[Megan Foster]] and she did not get her overtime either.",
        "My name is [[Tom Baker]] and my night allowance is three months late.",
        "[[Sarah Collins]] from HR said it was our own fault.",
        "[[Gary Thompson]] threatens to sack anyone who complains.",
        "The manager [[Linda Hughes]] checks our phones.",
        "You can reach me on {{jamie.r.turner@outlook.com}}, I am [[Jamie Turner]].",
        "Call me on <<+44 7700 900123>>, [[Claire Robinson]], please.",
        "[[Steven Price]] and [[Natalie Ward]] fiddle the CSAT surveys.",
        "My colleague [[Rebecca Moore]] fainted and nobody called first aid.",
        "The London office has had no heating since January.",
        "Easter shifts were set without asking the Premium Support team.",
        "Nobody at Barclays Bank gets our pay on time and HR does not answer.",
    ],
}


# Written after the finder was tuned on TEXTS and never tuned on: the honest figure.
HELD_OUT: dict[str, list[str]] = {
    "es": [
        "La supervisora [[Adriana Lozano]] nos cambia el descanso cada semana.",
        "[[Jorge Iván Hurtado]] maltrata a los agentes nuevos.",
        "Desde marzo [[Sandra Milena Cortés]] no aprueba vacaciones a nadie.",
        "Mi compañera [[Lorena Acevedo]] fue despedida sin explicación.",
        "Soy [[Kevin Andrés Mosquera]] y trabajo en el turno de la madrugada.",
        "[[Nelson Giraldo]] nos obliga a vender seguros en llamadas de soporte.",
        "Le avisé a [[Tatiana Serna]] que la silla estaba rota y no pasó nada.",
        "El coordinador [[Edwin Tabares]] publica nuestros tiempos de baño en el grupo.",
        "La señora [[Rocío Galeano]] me gritó por tomar agua en el puesto.",
        "[[Mónica Jaramillo]] y [[Cristian Úsuga]] nos quitan las llamadas fáciles.",
        "Las pausas activas de la campaña Hogar se cancelaron en diciembre.",
        "El piso 3 de la torre Norte no tiene salida de emergencia señalizada.",
    ],
    "pl": [
        "Kierowniczka [[Anna Zalewska]] zmienia nam przerwy co tydzień.",
        "[[Adrian Borkowski]] źle traktuje nowych konsultantów.",
        "Od marca [[Sylwia Czarnecka]] nie zatwierdza nikomu urlopu.",
        "Moją koleżankę [[Patrycję Kołodziej]] zwolniono bez wyjaśnienia.",
        "Jestem [[Damian Sobczak]] i pracuję na nocnej zmianie.",
        "[[Robert Laskowski]] każe nam sprzedawać ubezpieczenia podczas rozmów serwisowych.",
        "Zgłosiłam [[Karolinie Adamczyk]], że krzesło jest zepsute, i nic się nie stało.",
        "Koordynator [[Mateusz Cieślak]] publikuje nasze czasy przerw na grupie.",
        "Pani [[Iwona Kubacka]] nakrzyczała na mnie za picie wody przy stanowisku.",
        "[[Natalia Maciejewska]] i [[Wojciech Szulc]] zabierają nam łatwe rozmowy.",
        "Przerwy w kampanii Dom odwołano w grudniu.",
        "Na trzecim piętrze budynku Północ nie ma oznaczonego wyjścia ewakuacyjnego.",
    ],
    "hi": [
        "Supervisor [[Ritu Bansal]] har hafte break badal deti hai.",
        "[[Ajay Thakur]] naye agents ke saath bura bartav karta hai.",
        "March se [[Swati Mishra]] kisi ki leave approve nahi karti.",
        "Meri colleague [[Priyanka Rawat]] ko bina wajah nikal diya.",
        "Main [[Rohit Chaudhary]] hoon aur night shift mein kaam karta hoon.",
        "[[Sanjay Dubey]] support calls mein insurance bechne ko kehta hai.",
        "Maine [[Meenakshi Iyengar]] ko bataya ki chair tooti hai, kuch nahi hua.",
        "Coordinator [[Hemant Solanki]] hamare break time group mein daalta hai.",
        "[[Bhatia]] madam ne paani peene par mujhe daanta.",
        "[[Farhan Qureshi]] aur [[Nandini Rao]] easy calls khud le lete hain.",
        "Home campaign ke breaks December mein cancel ho gaye.",
        "Tower North ki teesri manzil par emergency exit ka board nahi hai.",
    ],
    "en": [
        "Supervisor [[Holly Barker]] changes our breaks every week.",
        "[[Callum Reid]] is rude to the new starters.",
        "Since March [[Joanne Pearce]] has not approved anyone's leave.",
        "My colleague [[Nadia Hussain]] was dismissed with no reason given.",
        "I am [[Liam Doherty]] and I work the night shift.",
        "The Home campaign breaks were cancelled in December.",
    ],
}


def label(lang: str, n: int, marked: str, *, prefix: str = "v") -> dict[str, object]:
    text, spans, pos, out = marked, [], 0, []
    for m in MARK.finditer(text):
        out.append(text[pos : m.start()])
        start = sum(len(p) for p in out)
        kind = next(i for i in range(3) if m.group(i + 1) is not None)
        value = m.group(kind + 1)
        out.append(value)
        spans.append({"type": TYPES[kind], "start": start, "end": start + len(value)})
        pos = m.end()
    out.append(text[pos:])
    return {"id": f"{prefix}-{lang}-{n:02d}", "lang": lang, "text": "".join(out), "entities": spans}


def main() -> None:
    with OUT.open("w", encoding="utf-8") as fh:
        for lang, texts in TEXTS.items():
            for n, marked in enumerate(texts):
                fh.write(json.dumps(label(lang, n, marked), ensure_ascii=False) + "\n")
    with HELD_OUT_FILE.open("w", encoding="utf-8") as fh:
        for lang, texts in HELD_OUT.items():
            for n, marked in enumerate(texts):
                item = label(lang, n, marked, prefix="h")
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
