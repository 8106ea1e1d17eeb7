//! `passerelle historique` : le journal des changements en texte et en CSV ; chaque ligne dit
//! par quel chemin le changement est passé (démonstration, import, restauration…).

use super::outils::*;

fn historique(db: &Path, autres: &[&str]) -> Output {
    let mut args = vec!["historique", "--db", p(db)];
    args.extend_from_slice(autres);
    passerelle(&args)
}

/// La date (JJ/MM/AAAA) de la première ligne, vérifiée proche de l'horloge du test.
fn jour_du_journal(journal: &str) -> String {
    let jour = journal.get(..10).unwrap_or_default().to_string();
    let date = chrono::NaiveDate::parse_from_str(&jour, "%d/%m/%Y").unwrap_or_else(|_| {
        panic!(
            "pas de date en tête : {}",
            &journal[..journal.len().min(200)]
        )
    });
    let ecart = (date - chrono::Local::now().date_naive()).num_days().abs();
    assert!(ecart <= 1, "date du journal {jour} trop loin d'aujourd'hui");
    jour
}

#[test]
fn le_journal_dit_quoi_quand_et_par_quel_chemin() {
    let (d, db) = dossier_et_base_demo();
    let o = historique(&db, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let demo = texte(&o.stdout);
    // Le jour est celui que l'horloge de SQLite a écrit (il peut différer d'un jour de celle du
    // test autour de minuit ou sous une horloge simulée) : il doit être le même partout.
    let aujourdhui = jour_du_journal(&demo);
    assert!(
        demo.lines().count() > 1000,
        "{} lignes",
        demo.lines().count()
    );
    assert!(
        demo.lines().all(|l| l.starts_with(&aujourdhui)),
        "{}",
        &demo[..300]
    );
    assert!(demo.contains("Création (démonstration)"));
    assert!(demo.contains("· IPE · Action IPE «"));

    // Un import en ligne de commande : ses fiches sont notées « import ».
    let csv = d.path().join("ipe.csv");
    std::fs::write(
        &csv,
        "nom;prenom;entreprise;academie;debut_mission;fin_mission;quotite\n\
         Zébulon;Aïcha;Fonderies du Nord;Lille;01/09/2026;;100\n",
    )
    .unwrap();
    reussir(&["import", "ipe", p(&csv), "--db", p(&db)]);
    let o = historique(&db, &["--depuis", &aujourdhui, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let tableau = texte(&o.stdout);
    let mut lignes = tableau.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lignes.next().unwrap(),
        "Date;Module;Fiche;Opération;Chemin;Champ;Avant;Après"
    );
    assert!(
        tableau
            .lines()
            .any(|l| l.contains("ZÉBULON") && l.contains(";Création;import;")),
        "{}",
        &tableau[..600]
    );

    // Une restauration est notée dans le journal de la base restaurée.
    let o = passerelle(&["sauvegarder", "--db", p(&db)]);
    let copie = texte(&o.stdout).trim().to_string();
    reussir(&["restaurer", "--db", p(&db), "--depuis", &copie]);
    let premiere = texte(&historique(&db, &[]).stdout)
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        premiere.contains("Restauration de la base (restauration d'une sauvegarde)"),
        "{premiere}"
    );
}

#[test]
fn date_ou_format_faux_refuses_en_francais() {
    let (_d, db) = dossier_et_base_demo();
    let o = historique(&db, &["--depuis", "31/02/2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("31/02/2026"),
        "{}",
        texte(&o.stderr)
    );
    let o = historique(&db, &["--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("Format inconnu"),
        "{}",
        texte(&o.stderr)
    );
    // Rien depuis le lendemain du dernier changement : le journal le dit.
    let jour = jour_du_journal(&texte(&historique(&db, &[]).stdout));
    let demain = (chrono::NaiveDate::parse_from_str(&jour, "%d/%m/%Y").unwrap()
        + chrono::Days::new(1))
    .format("%d/%m/%Y")
    .to_string();
    let o = historique(&db, &["--depuis", &demain]);
    assert!(
        texte(&o.stdout).contains("Aucun changement"),
        "{}",
        texte(&o.stdout)
    );
}
