use super::*;
use crate::base;

/// La démonstration, et une personne qui y est citée par plusieurs fiches (présences…).
fn demo_et_personne() -> (Connection, i64, String) {
    let conn = base::en_memoire().unwrap();
    crate::demo::charger(&conn).unwrap();
    let (id, nom): (i64, String) = conn
        .query_row(
            "SELECT p.id, trim(p.prenom || ' ' || p.nom) FROM personne p
             JOIN reunion_presence r ON r.personne_id = p.id
             WHERE p.email <> ''
             GROUP BY p.id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    (conn, id, nom)
}

#[test]
fn l_export_reprend_fiche_mentions_et_historique() {
    let (conn, id, nom) = demo_et_personne();
    conn.execute(
        "UPDATE personne SET fonction = 'Proviseure adjointe' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let m = modele_donnees_personne(&conn, id).unwrap();
    assert_eq!(m.nom, nom);
    assert!(m.fiche.iter().any(|c| c.champ == "nom"));
    assert!(
        m.mentions.iter().any(|x| x.table == "reunion_presence"),
        "{:?}",
        m.mentions
    );
    let presences: i64 = conn
        .query_row(
            "SELECT count(*) FROM reunion_presence WHERE personne_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        m.mentions
            .iter()
            .filter(|x| x.table == "reunion_presence")
            .count() as i64,
        presences
    );
    assert!(m.historique.iter().any(|e| e
        .changements
        .iter()
        .any(|c| c.apres == "Proviseure adjointe")));
    assert!(m.historique.iter().any(|e| e.table == "reunion_presence"));

    let json = document_donnees_personne(&conn, id, true).unwrap();
    assert!(json.nom.ends_with(".json"));
    let v: serde_json::Value = serde_json::from_slice(&json.octets).unwrap();
    assert_eq!(v["nom"], nom.as_str());
    assert!(v["mentions"].as_array().unwrap().len() as i64 >= presences);
    let pdf = document_donnees_personne(&conn, id, false).unwrap();
    assert!(pdf.octets.starts_with(b"%PDF"));
}

#[test]
fn anonymiser_efface_l_identite_garde_les_liens() {
    let (conn, id, nom) = demo_et_personne();
    let presences = |c: &Connection| -> i64 {
        c.query_row(
            "SELECT count(*) FROM reunion_presence WHERE personne_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    let avant = presences(&conn);
    let courriel: String = conn
        .query_row("SELECT email FROM personne WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(anonymiser(&conn, id).unwrap(), nom);
    let (n, p, email): (String, String, String) = conn
        .query_row(
            "SELECT nom, prenom, email FROM personne WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (n.as_str(), p.as_str(), email.as_str()),
        ("Anonyme", "", "")
    );
    assert_eq!(presences(&conn), avant, "les statistiques restent");
    // Plus rien de son identité dans le journal (ses entrées, et son courriel nulle part),
    // ni dans l'export.
    let nom_famille = nom.split(' ').next_back().unwrap().to_string();
    let restes: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal WHERE table_nom = 'personne' AND ligne = ?2
               AND instr(coalesce(avant, '') || coalesce(apres, '') || coalesce(libelle, ''), ?1) > 0",
            rusqlite::params![nom_famille, id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(restes, 0, "{nom_famille} reste dans le journal");
    assert!(!courriel.is_empty());
    let courriels: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal WHERE instr(coalesce(avant, '') || coalesce(apres, ''), ?1) > 0",
            [&courriel],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(courriels, 0);
    let export = document_donnees_personne(&conn, id, true).unwrap();
    let export = String::from_utf8_lossy(&export.octets).into_owned();
    assert!(!export.contains(&nom) && !export.contains(&courriel));
    // Une personne inconnue : erreur claire.
    assert!(anonymiser(&conn, 999_999)
        .unwrap_err()
        .to_string()
        .contains("introuvable"));
}

#[test]
fn personnes_sans_activite() {
    let conn = base::en_memoire().unwrap();
    conn.execute_batch(
        "INSERT INTO personne (id, civilite, nom, prenom) VALUES (1, 'M.', 'Ancien', 'Paul'), (2, 'Mme', 'Active', 'Lise');",
    )
    .unwrap();
    // Le journal dit que les deux fiches viennent d'être créées : aucune n'est inactive.
    assert!(personnes_inactives(&conn, 3).unwrap().is_empty());
    // Fiches créées il y a dix ans (journal vieilli) : la personne sans activité récente ressort.
    conn.execute(
        "UPDATE journal SET quand = '2016-01-04T10:00:00' WHERE table_nom = 'personne'",
        [],
    )
    .unwrap();
    conn.execute("UPDATE personne SET fonction = 'Déléguée' WHERE id = 2", [])
        .unwrap();
    let v = personnes_inactives(&conn, 3).unwrap();
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].nom, "Paul Ancien");
    assert_eq!(v[0].derniere_activite.as_deref(), Some("2016-01-04"));
    anonymiser(&conn, 1).unwrap();
    assert!(personnes_inactives(&conn, 3).unwrap().is_empty());
}
