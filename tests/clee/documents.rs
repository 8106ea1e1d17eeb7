//! Documents d'une réunion de comité : compte rendu, convocation, émargement, invitation .ics.

use super::outils::*;

#[test]
fn compte_rendu_convocation_emargement_et_invitation() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let (_, r) = reunion_tenue(&c, &m);
    let compte_rendu = documents::fichier_document(&c, r, "compte-rendu").unwrap();
    // Le nom proposé à l'enregistrement dit ce qu'est le document, sans identifiant interne.
    assert_eq!(
        compte_rendu.nom,
        "Compte rendu - CLEE de Lens-Liévin - 2026-01-12.pdf"
    );
    document_contient(&c, r, "compte-rendu", "du compte rendu", &[
        "Compte rendu – CLEE de Lens-Liévin",
        "Réunion plénière du 12/01/2026 à 14h30, Lycée Jean-Moulin, Lens.",
        "Étaient présents : ARNAUD Claire – Directrice – Artois Emballages ; DURAND Claire – Proviseure – Lycée Jean-Moulin ; LEROUX Nadia – Conseillère en insertion ; CARON Paul – Invité",
        "Étaient excusés : MOREL Karim – Principal",
        "Étaient absents : MOREL Sophie – Élue",
        "1. Bilan du forum Quatre cent cinquante élèves accueillis.",
        "2. Stages de seconde Pas de compte rendu pour ce point.",
        "Décisions", "Le prochain forum aura lieu au lycée Marie-Curie.",
        "Actions", "Écrire aux entreprises de logistique", "Claire Arnaud", "15/02/2026",
    ]);
    document_contient(
        &c,
        r,
        "convocation",
        "de la convocation",
        &[
            "Convocation – Réunion plénière – CLEE de Lens-Liévin",
            "Ordre du jour",
            "1. Bilan du forum",
            "2. Stages de seconde",
            "Éducation",
            "DURAND Claire",
            "Monde économique",
            "Emploi et insertion",
            "Collectivités",
            "Invités",
            "CARON Paul",
        ],
    );
    document_contient(
        &c,
        r,
        "emargement",
        "de la feuille d'émargement",
        &[
            "Feuille d'émargement",
            "Signature",
            "ARNAUD Claire",
            "CARON Paul",
            "MOREL Sophie",
        ],
    );
    invitation_icalendar(&c, r);
}

/// Le document `genre` de la réunion `r`, lu par pdftotext, contient chacun des `attendus`.
fn document_contient(c: &Connection, r: i64, genre: &str, quoi: &str, attendus: &[&str]) {
    let t = octets_pdf_en_ligne(&documents::fichier_document(c, r, genre).unwrap().octets);
    for attendu in attendus {
        assert!(t.contains(attendu), "« {attendu} » absent {quoi} :\n{t}");
    }
}

fn invitation_icalendar(c: &Connection, r: i64) {
    // L'invitation iCalendar, relue : les personnes qui ont un courriel, invitée comprise.
    let ev = evenements_ics(&documents::ics_invitation(c, r).unwrap());
    assert_eq!(ev.len(), 1);
    let mut participants: Vec<String> = participants_ics(&ev[0])
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    participants.sort();
    assert_eq!(
        participants,
        [
            "mailto:claire.arnaud@artois.fr",
            "mailto:claire.durand@ac-lille.fr",
            "mailto:karim.morel@ac-lille.fr",
            "mailto:paul.caron@transport.fr",
            "mailto:sophie.morel@region.fr",
        ]
    );
    assert_eq!(
        ev[0].property_value("DTSTART"),
        Some("20260112T143000"),
        "{:?}",
        ev[0]
    );
    assert_eq!(
        ev[0].get_summary(),
        Some("Réunion plénière – CLEE de Lens-Liévin")
    );
    assert!(documents::fichier_document(c, r, "affiche")
        .unwrap_err()
        .to_string()
        .replace('\u{a0}', " ")
        .contains("« affiche »"));
}
