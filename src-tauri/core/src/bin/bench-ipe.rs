//! Mesures du module IPE sur un gros jeu généré : 500 IPE et 100 000 actions sur dix ans.
//! `cargo run --release -p passerelle-core --bin bench-ipe [-- ACTIONS]`.
//! Objectifs du ticket : import < 3 s, bilan PDF < 1 s, filtre de la liste < 50 ms.

mod commun;
use commun::{copier_si_demande, mesurer_liste, ms, Hasard};
use passerelle_core::ipe::actions::{self, FiltreActions};
use passerelle_core::ipe::bilan::{self, Periode};
use passerelle_core::ipe::import;
use passerelle_core::liste::ParametresListe;
use passerelle_core::{annuaire::academies, base};
use std::time::Instant;

const THEMES: &[&str] = &[
    "stages",
    "information_metiers",
    "decouverte_professionnelle",
    "post_bac",
    "recherche_emploi",
    "entrepreneuriat",
    "partenariat_entreprises",
    "developpement_local",
    "appui_technologique",
    "lycees_des_metiers",
    "apprentissage_eple",
    "information_reciproque",
    "tic",
    "actions_diverses",
];

fn main() {
    let n_actions: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dossier = std::env::temp_dir().join(format!("passerelle-bench-ipe-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).unwrap();
    let b = base::ouvrir(&dossier.join("bench.sqlite")).unwrap();
    let c = &b.conn;
    let academies: Vec<String> = academies::lister(c)
        .unwrap()
        .into_iter()
        .map(|a| a.nom)
        .collect();

    let (registre, fichier) = generer(&academies, n_actions);
    importer(c, &dossier, &registre, &fichier, n_actions);
    plancher(&dossier, &registre);
    copier_si_demande(c);
    bilans(c);
    listes(c);
    drop(b);
    std::fs::remove_dir_all(&dossier).unwrap();
}

/// Le registre de 500 IPE et `n_actions` actions sur 2016-2025, en CSV.
fn generer(academies: &[String], n_actions: usize) -> (String, String) {
    let mut h = Hasard(2007);

    let mut registre =
        String::from("nom;prenom;entreprise;academie;debut_mission;fin_mission;quotite\n");
    let mut noms = Vec::new();
    for i in 0..500 {
        let annee = 2016 + h.suivant(8);
        let nom = format!("INGENIEUR{i}");
        registre += &format!(
            "{nom};Camille;Entreprise {};{};01/09/{annee};;{}\n",
            i % 40,
            academies[i % academies.len()],
            50 + h.suivant(51)
        );
        noms.push((
            format!("{nom} Camille"),
            academies[i % academies.len()].clone(),
        ));
    }
    let mut fichier = String::from("date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n");
    for i in 0..n_actions {
        let (ipe, academie) = &noms[h.suivant(500) as usize];
        fichier += &format!(
            "{:02}/{:02}/{};{ipe};{academie};{};Action générée n° {i} pour le forum des métiers;{};{};{};{};{};{};{}\n",
            1 + h.suivant(28), 1 + h.suivant(12), 2016 + h.suivant(10), THEMES[h.suivant(14) as usize],
            h.suivant(6), h.suivant(120), h.suivant(120), h.suivant(9), h.suivant(9), h.suivant(5), h.suivant(3)
        );
    }
    println!(
        "Jeu généré : 500 IPE, {n_actions} actions sur 2016-2025 ({:.1} Mo de CSV)",
        fichier.len() as f64 / 1e6
    );
    (registre, fichier)
}

/// Import du registre puis des actions, avec une référence sans les déclencheurs du journal.
fn importer(
    c: &rusqlite::Connection,
    dossier: &std::path::Path,
    registre: &str,
    fichier: &str,
    n_actions: usize,
) {
    let t = Instant::now();
    import::importer_ipe(
        c,
        registre.as_bytes(),
        false,
        &passerelle_core::travail::Suivi::default(),
    )
    .unwrap();
    println!(
        "{:<52} {:>9.1} ms",
        "Import du registre (500 lignes)",
        ms(t)
    );
    // Référence : le même import sur une base sans les déclencheurs du journal, pour lire ce
    // que coûte le journal des changements.
    {
        let r = base::ouvrir(&dossier.join("reference.sqlite")).unwrap();
        let suivi = passerelle_core::travail::Suivi::default();
        import::importer_ipe(&r.conn, registre.as_bytes(), false, &suivi).unwrap();
        let declencheurs: Vec<String> = r
            .conn
            .prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")
            .unwrap()
            .query_map([], |l| l.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for d in declencheurs {
            r.conn
                .execute_batch(&format!("DROP TRIGGER temp.\"{d}\""))
                .unwrap();
        }
        let t = Instant::now();
        import::importer_actions(&r.conn, fichier.as_bytes(), false, &suivi).unwrap();
        println!(
            "{:<52} {:>9.1} ms",
            format!("Import de {n_actions} actions sans journal (référence)"),
            ms(t)
        );
    }
    let t = Instant::now();
    import::importer_actions(
        c,
        fichier.as_bytes(),
        false,
        &passerelle_core::travail::Suivi::default(),
    )
    .unwrap();
    println!(
        "{:<52} {:>9.1} ms   (objectif < 1 000 ms)",
        format!("Import de {n_actions} actions"),
        ms(t)
    );
}

/// Le plancher : les actions importées et leurs liens copiés par SQLite seul (`INSERT …
/// SELECT` d'une base à l'autre, index de recherche reconstruit d'un coup comme l'import) :
/// ce que coûte l'écriture seule, avec les index et les contrôles de la base.
fn plancher(dossier: &std::path::Path, registre: &str) {
    let b = base::ouvrir(&dossier.join("plancher.sqlite")).unwrap();
    let c = &b.conn;
    let suivi = passerelle_core::travail::Suivi::default();
    import::importer_ipe(c, registre.as_bytes(), false, &suivi).unwrap();
    let source = dossier.join("bench.sqlite");
    c.execute("ATTACH DATABASE ?1 AS s", [source.to_string_lossy()])
        .unwrap();
    let duree = commun::plancher(
        c,
        "INSERT INTO action_ipe SELECT * FROM s.action_ipe;
         INSERT INTO action_ipe_intervenant SELECT * FROM s.action_ipe_intervenant;",
    );
    println!(
        "{:<52} {duree:>9.1} ms",
        "Plancher : les mêmes lignes copiées par SQLite seul"
    );
}

/// Bilans nationaux et d'une académie : calcul + PDF.
fn bilans(c: &rusqlite::Connection) {
    let t = Instant::now();
    let (_, pdf) = bilan::fichier_bilan(c, Periode::Civile(2024), None, false).unwrap();
    println!(
        "{:<52} {:>9.1} ms   (objectif < 1 000 ms, {} Ko)",
        "Bilan 2024 national : calcul + PDF",
        ms(t),
        pdf.len() / 1024
    );
    let t = Instant::now();
    bilan::fichier_bilan(
        c,
        Periode::Scolaire(2023),
        Some(academies::trouver(c, "Lille").unwrap().id),
        false,
    )
    .unwrap();
    println!(
        "{:<52} {:>9.1} ms",
        "Bilan 2023-2024 d'une académie : calcul + PDF",
        ms(t)
    );
}

/// La liste des actions : première page, frappe, filtres.
fn listes(c: &rusqlite::Connection) {
    let mesurer = |nom: &str, f: &FiltreActions| {
        let mut d: Vec<f64> = (0..20)
            .map(|_| {
                let t = Instant::now();
                actions::lister(c, f).unwrap();
                ms(t)
            })
            .collect();
        d.sort_by(f64::total_cmp);
        println!(
            "{nom:<52} médiane {:>6.1} ms   p95 {:>6.1} ms   (objectif < 50 ms)",
            d[10], d[19]
        );
    };
    let liste_actions = |liste| {
        actions::lister(
            c,
            &FiltreActions {
                liste,
                ..Default::default()
            },
        )
        .unwrap();
    };
    mesurer_liste("Actions, première page", &[""], liste_actions);
    mesurer_liste(
        "Actions, frappe (forum 123)",
        &[
            "f",
            "fo",
            "for",
            "foru",
            "forum",
            "forum 1",
            "forum 12",
            "forum 123",
        ],
        liste_actions,
    );
    mesurer(
        "Liste des actions (200 plus récentes)",
        &FiltreActions::default(),
    );
    filtres(c, &mesurer);
}

/// La liste des actions filtrée : année et académie, thème, année et recherche.
fn filtres(c: &rusqlite::Connection, mesurer: &dyn Fn(&str, &FiltreActions)) {
    let lille = academies::trouver(c, "Lille").unwrap().id;
    mesurer(
        "Filtre année + académie",
        &FiltreActions {
            annee: Some(2024),
            academie_id: Some(lille),
            ..Default::default()
        },
    );
    // Comme l'écran : la page, puis le total à part.
    mesurer_liste("Actions, année + académie", &[""], |liste| {
        actions::lister(
            c,
            &FiltreActions {
                liste,
                annee: Some(2024),
                academie_id: Some(lille),
                ..Default::default()
            },
        )
        .unwrap();
    });
    mesurer_liste("Actions, un thème", &[""], |liste| {
        actions::lister(
            c,
            &FiltreActions {
                liste,
                theme_id: Some(3),
                ..Default::default()
            },
        )
        .unwrap();
    });
    mesurer(
        "Filtre année + recherche « forum 123 »",
        &FiltreActions {
            annee: Some(2024),
            liste: ParametresListe {
                recherche: "forum 123".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    );
}
