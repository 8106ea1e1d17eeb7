//! Fichiers iCalendar (RFC 5545) : échéances (journées entières) et réunions avec leurs
//! participants, pour Thunderbird et Outlook. Lignes CRLF repliées à 75 octets, texte échappé.
//! Servira à l'échéancier des conventions, aux convocations des CLEE et aux invitations CET.

use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, PartialEq)]
pub enum Quand {
    /// Échéance sur une journée entière.
    Journee(NaiveDate),
    /// Réunion, heure locale de Paris.
    Horaire {
        debut: NaiveDateTime,
        fin: NaiveDateTime,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub nom: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evenement {
    /// Identifiant stable : la même échéance exportée deux fois met à jour l'agenda au lieu de la doubler.
    pub uid: String,
    pub quand: Quand,
    pub resume: String,
    pub description: String,
    pub lieu: String,
    pub organisateur: Option<Participant>,
    pub participants: Vec<Participant>,
}

const FUSEAU_PARIS: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Échappe le texte d'une propriété (RFC 5545, 3.3.11). Toute fin de ligne (CRLF, LF ou CR
/// seul, celui des vieux Mac et de certains copier-coller) devient `\n` : un CR laissé nu
/// couperait la ligne pour certains lecteurs. Les autres caractères de contrôle, interdits
/// dans un texte iCalendar, deviennent des espaces.
fn echapper(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    let mut car = t.chars().peekable();
    while let Some(c) = car.next() {
        match c {
            '\\' => s.push_str("\\\\"),
            ';' => s.push_str("\\;"),
            ',' => s.push_str("\\,"),
            '\r' | '\n' => {
                if c == '\r' && car.peek() == Some(&'\n') {
                    car.next();
                }
                s.push_str("\\n");
            }
            c if c.is_control() && c != '\t' => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

/// Valeur reprise telle quelle (adresse, identifiant) : sans aucun caractère de contrôle, pour
/// qu'une adresse venue d'une base reçue n'ajoute pas de ligne au calendrier.
fn brut(t: &str) -> String {
    t.chars().filter(|c| !c.is_control()).collect()
}

/// Paramètre entre guillemets (nom d'un participant) : sans guillemets ni caractères de contrôle.
fn parametre(t: &str) -> String {
    let propre: String = t
        .chars()
        .map(|c| if c == '"' || c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{propre}\"")
}

/// Replie une ligne à 75 octets sans couper un caractère UTF-8 (RFC 5545, 3.1).
fn replier(ligne: &str, sortie: &mut String) {
    let mut octets = 0;
    for c in ligne.chars() {
        if octets + c.len_utf8() > 75 {
            sortie.push_str("\r\n ");
            octets = 1;
        }
        sortie.push(c);
        octets += c.len_utf8();
    }
    sortie.push_str("\r\n");
}

/// Le calendrier complet ; `horodatage` est l'instant de l'export (DTSTAMP, en UTC).
pub fn calendrier(evenements: &[Evenement], horodatage: NaiveDateTime) -> String {
    let mut lignes = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Passerelle//Relation Ecole-entreprise//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    if evenements
        .iter()
        .any(|e| matches!(e.quand, Quand::Horaire { .. }))
    {
        // Outlook exige la définition du fuseau cité par TZID.
        lignes.extend(FUSEAU_PARIS.iter().map(|l| l.to_string()));
    }
    let stamp = horodatage.format("%Y%m%dT%H%M%SZ");
    for e in evenements {
        lignes.push("BEGIN:VEVENT".into());
        lignes.push(format!("UID:{}", brut(&e.uid)));
        lignes.push(format!("DTSTAMP:{stamp}"));
        // Pas d'historique des envois : la séquence reste 0, DTSTAMP départage les versions.
        lignes.push("SEQUENCE:0".into());
        match &e.quand {
            Quand::Journee(j) => {
                lignes.push(format!("DTSTART;VALUE=DATE:{}", j.format("%Y%m%d")));
                lignes.push(format!(
                    "DTEND;VALUE=DATE:{}",
                    j.succ_opt().unwrap_or(*j).format("%Y%m%d")
                ));
            }
            Quand::Horaire { debut, fin } => {
                lignes.push(format!(
                    "DTSTART;TZID=Europe/Paris:{}",
                    debut.format("%Y%m%dT%H%M%S")
                ));
                lignes.push(format!(
                    "DTEND;TZID=Europe/Paris:{}",
                    fin.format("%Y%m%dT%H%M%S")
                ));
            }
        }
        lignes.push(format!("SUMMARY:{}", echapper(&e.resume)));
        if !e.description.is_empty() {
            lignes.push(format!("DESCRIPTION:{}", echapper(&e.description)));
        }
        if !e.lieu.is_empty() {
            lignes.push(format!("LOCATION:{}", echapper(&e.lieu)));
        }
        if let Some(o) = &e.organisateur {
            lignes.push(format!(
                "ORGANIZER;CN={}:mailto:{}",
                parametre(&o.nom),
                brut(&o.email)
            ));
        }
        for p in &e.participants {
            lignes.push(format!(
                "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:{}",
                parametre(&p.nom),
                brut(&p.email)
            ));
        }
        lignes.push("END:VEVENT".into());
    }
    lignes.push("END:VCALENDAR".into());
    let mut sortie = String::new();
    for l in &lignes {
        replier(l, &mut sortie);
    }
    sortie
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exemple() -> Vec<Evenement> {
        let d = |s: &str| crate::dates::lire(s).unwrap();
        vec![
            Evenement {
                uid: "preavis-convention-1@passerelle".into(),
                quand: Quand::Journee(d("24/09/2007")),
                resume: "Dernier jour du préavis : convention MEN–APCM".into(),
                description: "Préavis de six mois ; échéance le 24/03/2008.\nVoir l'article 34, alinéa 3 ; \\ fin".into(),
                lieu: String::new(),
                organisateur: None,
                participants: vec![],
            },
            Evenement {
                uid: "reunion-7@passerelle".into(),
                quand: Quand::Horaire {
                    debut: d("12/03/2026").and_hms_opt(14, 0, 0).unwrap(),
                    fin: d("12/03/2026").and_hms_opt(16, 30, 0).unwrap(),
                },
                resume: "Groupe de suivi académique, réunion de printemps".into(),
                description: String::new(),
                lieu: "Lycée professionnel Jean-Moulin, Lens".into(),
                organisateur: Some(Participant { nom: "Claire DURAND".into(), email: "claire.durand@ac-lille.fr".into() }),
                participants: vec![
                    Participant { nom: "Hugo LEFÈVRE".into(), email: "hugo.lefevre@cma-hauts.fr".into() },
                    Participant { nom: "Inès \"la présidente\" MARTIN".into(), email: "ines.martin@exemple.fr".into() },
                ],
            },
        ]
    }

    /// Le calendrier de l'exemple, écrit le 24/11/2026 à 9 h.
    fn calendrier_de_l_exemple() -> String {
        calendrier(
            &exemple(),
            crate::dates::lire("24/11/2026")
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
    }

    #[test]
    fn lignes_crlf_repliees_a_75_octets() {
        let t = calendrier_de_l_exemple();
        assert!(t.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(t.ends_with("END:VCALENDAR\r\n"));
        for l in t.split("\r\n") {
            assert!(l.len() <= 75, "ligne de {} octets : {l}", l.len());
        }
        assert!(
            !t.replace("\r\n", "").contains('\n'),
            "pas de saut de ligne nu"
        );
        assert!(
            t.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"),
            "le fuseau cité est défini"
        );
    }

    /// Repli à 75 octets sans couper un caractère multi-octets ; CR seul, CRLF et LF échappés.
    #[test]
    fn repli_multi_octets_et_fins_de_ligne() {
        let mut e = exemple().remove(0);
        e.resume = format!("a\rb\r\nc\nd {}", "é漢🙂".repeat(40));
        e.participants = vec![Participant {
            nom: "Nom\rcassé".into(),
            email: "x@exemple.fr\r\nBEGIN:VEVENT".into(),
        }];
        let t = calendrier(&[e.clone()], chrono::NaiveDateTime::default());
        for l in t.split("\r\n") {
            assert!(
                l.len() <= 75 && !l.contains('\r') && !l.contains('\n'),
                "{l:?}"
            );
        }
        // L'adresse piégée ne crée pas de second événement.
        let debuts = t.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(debuts, 1, "{t}");
        let deplie = t.replace("\r\n ", "");
        assert!(deplie.contains(&format!("SUMMARY:a\\nb\\nc\\nd {}", "é漢🙂".repeat(40))));
        assert!(deplie.contains("SEQUENCE:0\r\n"));
    }

    /// Relu par un lecteur iCalendar indépendant du nôtre (crate `icalendar`).
    #[test]
    fn relu_tel_quel_avec_participants() {
        use icalendar::{CalendarComponent, Component, EventLike};
        let t = calendrier_de_l_exemple();
        if let Some(chemin) = std::env::var_os("PASSERELLE_ICS_EXEMPLE") {
            std::fs::write(chemin, &t).unwrap(); // pour le faire relire par un autre lecteur iCalendar
        }
        let relu: icalendar::Calendar = t.parse().unwrap();
        let ev: Vec<_> = relu
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].get_uid(), Some("preavis-convention-1@passerelle"));
        assert_eq!(ev[0].property_value("DTSTART"), Some("20070924"));
        assert_eq!(ev[0].property_value("DTEND"), Some("20070925"));
        assert_eq!(
            ev[0].get_description(),
            Some(exemple()[0].description.as_str())
        );
        assert_eq!(
            ev[1].get_summary(),
            Some("Groupe de suivi académique, réunion de printemps")
        );
        assert_eq!(
            ev[1].get_location(),
            Some("Lycée professionnel Jean-Moulin, Lens")
        );
        assert_eq!(ev[1].property_value("DTSTART"), Some("20260312T140000"));
        let participants: Vec<(&str, &str)> = ev[1]
            .multi_properties()
            .get("ATTENDEE")
            .into_iter()
            .flatten()
            .map(|p| (p.params().get("CN").map_or("", |c| c.value()), p.value()))
            .collect();
        assert_eq!(
            participants,
            [
                ("Hugo LEFÈVRE", "mailto:hugo.lefevre@cma-hauts.fr"),
                (
                    "Inès  la présidente  MARTIN",
                    "mailto:ines.martin@exemple.fr"
                ),
            ]
        );
        assert!(ev[1]
            .property_value("ORGANIZER")
            .unwrap()
            .ends_with("claire.durand@ac-lille.fr"));
    }
}
