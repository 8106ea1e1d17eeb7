//! Parties, groupe de suivi, contrat de progrès et pièces jointes.

use super::outils::*;
use passerelle_core::annuaire::personnes::{self, SaisiePersonne};
use passerelle_core::conventions::suivi;
use passerelle_core::reunions::{self, Cadre, SaisieActionSuivi, SaisieReunion};

#[test]
fn parties_articles_et_activite_liee() {
    let c = base::en_memoire().unwrap();
    let conv = fiches::creer(&c, &apcm()).unwrap();
    parties_et_articles(&c, conv.id);
    action_ipe_rattachee(&c, conv.id);
}

/// Une partie est une organisation, un établissement ou un nom écrit : une seule de ces formes ;
/// les articles sont numérotés dans l'ordre.
fn parties_et_articles(c: &Connection, conv: i64) {
    use passerelle_core::conventions::structure::{self, SaisieArticle, SaisiePartie};
    let e = structure::ajouter_partie(c, conv, &SaisiePartie::default()).unwrap_err();
    assert!(matches!(e, Erreur::Validation(_)));
    let p = structure::ajouter_partie(
        c,
        conv,
        &SaisiePartie {
            libelle: "Ministère de l'Éducation nationale".into(),
            role: "Signataire".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(p[0].nom, "Ministère de l'Éducation nationale");
    structure::ajouter_article(
        c,
        conv,
        &SaisieArticle {
            intitule: "Information et orientation".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let a = structure::ajouter_article(
        c,
        conv,
        &SaisieArticle {
            intitule: "Apprentissage".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(a.iter().map(|x| x.numero).collect::<Vec<_>>(), [1, 2]);
    assert!(structure::ajouter_article(
        c,
        conv,
        &SaisieArticle {
            intitule: "X".into(),
            numero: "zéro".into(),
            ..Default::default()
        }
    )
    .is_err());
}

fn action_ipe_rattachee(c: &Connection, conv: i64) {
    use passerelle_core::ipe::actions::{self, FiltreActions, SaisieAction};
    use passerelle_core::ipe::themes;
    // Une action IPE rattachée : visible depuis la convention, qui ne se supprime plus.
    let s = SaisieAction {
        date: "02/02/2007".into(),
        academie_id: Some(
            passerelle_core::annuaire::academies::trouver(c, "09")
                .unwrap()
                .id,
        ),
        theme_id: Some(themes::trouver(c, "stages").unwrap().unwrap().id),
        intitule: "Stages en entreprises artisanales".into(),
        convention_id: Some(conv),
        ..Default::default()
    };
    let action = actions::creer(c, &s).unwrap();
    assert_eq!(
        action.convention.as_deref(),
        Some("Convention Éducation nationale – APCM")
    );
    assert_eq!(
        actions::lister(
            c,
            &FiltreActions {
                convention_id: Some(conv),
                ..Default::default()
            }
        )
        .unwrap()
        .total,
        1
    );
    let e = fiches::supprimer(c, conv).unwrap_err();
    assert!(e.to_string().contains("action IPE"), "{e}");
}

#[test]
fn groupe_de_suivi_actions_reportees_et_regle_des_reunions() {
    let c = base::en_memoire().unwrap();
    let conv = convention_proche(&c, "Convention Lille – Forges", "en_vigueur");
    let p = personnes::creer(
        &c,
        &SaisiePersonne {
            civilite: "Mme".into(),
            nom: "DURAND".into(),
            prenom: "Claire".into(),
            ..Default::default()
        },
    )
    .unwrap();
    suivi::ajouter_membre(&c, conv, Some(p.id), "Co-présidente").unwrap();
    assert!(suivi::ajouter_membre(&c, conv, Some(p.id), "")
        .unwrap_err()
        .to_string()
        .contains("déjà membre"));
    let aujourdhui = Local::now().date_naive();
    let annee = dates::francaise(aujourdhui)
        .split('/')
        .nth(2)
        .unwrap()
        .to_string();
    // Aucune réunion cette année : le tableau de bord doit le signaler (fin décembre).
    let alerte = |c: &Connection| {
        echeancier::a_venir(c, Some(400))
            .unwrap()
            .into_iter()
            .filter(|e| e.nature == "reunions")
            .count()
    };
    assert_eq!(alerte(&c), 1);
    let cadre = Cadre::Convention(conv);
    let r1 = reunions::creer(
        &c,
        cadre,
        &SaisieReunion {
            date: format!("02/01/{annee}"),
            heure: "14h".into(),
            lieu: "Lens".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r1.heure, "14h00");
    reunions_refusees(&c, cadre);
    let suivante = actions_reportees(&c, cadre, r1.id, &annee);
    // Deux réunions dans l'année : la règle est respectée.
    reunions::creer(
        &c,
        cadre,
        &SaisieReunion {
            date: dates::francaise(suivante),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(alerte(&c), 0);
    assert_eq!(
        reunions::precedente(&c, cadre, suivante)
            .unwrap()
            .unwrap()
            .id,
        r1.id
    );
}

/// Heure impossible, type de réunion d'un comité : refusés.
fn reunions_refusees(c: &Connection, cadre: Cadre) {
    assert!(reunions::creer(
        c,
        cadre,
        &SaisieReunion {
            date: "01/01/2026".into(),
            heure: "25h".into(),
            ..Default::default()
        }
    )
    .is_err());
    // Une réunion de groupe de suivi n'est pas une plénière de comité.
    let e = reunions::creer(
        c,
        cadre,
        &SaisieReunion {
            date: "01/01/2026".into(),
            type_: "pleniere".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("type de réunion"), "{e}");
}

/// Deux actions décidées à la réunion `r1`, l'une close ; seule l'autre revient à l'ordre du
/// jour de la réunion suivante, dont la date est rendue.
fn actions_reportees(c: &Connection, cadre: Cadre, r1: i64, annee: &str) -> NaiveDate {
    reunions::ajouter_action(
        c,
        cadre,
        &SaisieActionSuivi {
            intitule: "Recenser les stages".into(),
            reunion_id: Some(r1),
            echeance: format!("03/01/{annee}"),
            ..Default::default()
        },
    )
    .unwrap();
    let a = reunions::ajouter_action(
        c,
        cadre,
        &SaisieActionSuivi {
            intitule: "Visite du site".into(),
            reunion_id: Some(r1),
            ..Default::default()
        },
    )
    .unwrap();
    // L'action en retard apparaît à l'échéancier.
    assert!(echeancier::a_venir(c, None)
        .unwrap()
        .iter()
        .any(|e| e.nature == "action" && e.libelle.contains("Recenser")));
    let close = a
        .iter()
        .find(|x| x.intitule == "Visite du site")
        .unwrap()
        .id;
    reunions::clore_action(c, close, d(&format!("05/01/{annee}"))).unwrap();
    // À la réunion suivante, seule l'action encore ouverte revient à l'ordre du jour.
    let suivante = d(&format!("20/06/{annee}"));
    let ouvertes = reunions::actions(c, cadre, Some(suivante)).unwrap();
    assert_eq!(
        ouvertes
            .iter()
            .map(|x| x.intitule.as_str())
            .collect::<Vec<_>>(),
        ["Recenser les stages"]
    );
    let odj = reunions::ordre_du_jour_propose(cadre, &ouvertes);
    assert!(odj
        .iter()
        .any(|p| p == "Suivi de l'action : Recenser les stages"));
    assert!(!odj.iter().any(|p| p.contains("Visite du site")));
    suivante
}

#[test]
fn contrat_de_progres_valeur_saisie_ou_calculee() {
    use passerelle_core::conventions::contrat::{self, SaisieLigneContrat};
    use passerelle_core::ipe::actions::{self, SaisieAction};
    use passerelle_core::ipe::themes;
    let c = base::en_memoire().unwrap();
    let conv = fiches::creer(&c, &apcm()).unwrap();
    let lille = passerelle_core::annuaire::academies::trouver(&c, "Lille")
        .unwrap()
        .id;
    let ligne = |source: &str, realise: &str| SaisieLigneContrat {
        annee: "2007".into(),
        academie_id: Some(lille),
        action_prevue: "Stages en entreprises artisanales".into(),
        indicateur: "Actions".into(),
        cible: "4".into(),
        source: source.into(),
        realise: realise.into(),
    };
    contrat::ajouter(&c, conv.id, &ligne("saisie", "3")).unwrap();
    contrat::ajouter(&c, conv.id, &ligne("actions_ipe", "")).unwrap();
    contrat::ajouter(&c, conv.id, &ligne("jeunes_ipe", "")).unwrap();
    let erreur = contrat::ajouter(
        &c,
        conv.id,
        &SaisieLigneContrat {
            annee: "07".into(),
            cible: "-1".into(),
            ..ligne("saisie", "x")
        },
    )
    .unwrap_err();
    let Erreur::Validation(champs) = erreur else {
        panic!()
    };
    assert_eq!(
        champs.iter().map(|x| x.champ).collect::<Vec<_>>(),
        ["annee", "cible", "realise"]
    );
    for (date, academie, jeunes) in [
        ("02/02/2007", lille, "10"),
        ("03/03/2007", lille, "5"),
        ("04/04/2008", lille, "7"),
    ] {
        let s = SaisieAction {
            date: date.into(),
            academie_id: Some(academie),
            theme_id: Some(themes::trouver(&c, "stages").unwrap().unwrap().id),
            intitule: "Action liée".into(),
            jeunes_filles: jeunes.into(),
            convention_id: Some(conv.id),
            ..Default::default()
        };
        actions::creer(&c, &s).unwrap();
    }
    let l = contrat::lignes(&c, conv.id, Some(2007)).unwrap();
    assert_eq!(
        l.iter().map(|x| (x.realise, x.taux)).collect::<Vec<_>>(),
        [
            (Some(3), Some(75)),
            (Some(2), Some(50)),
            (Some(15), Some(375))
        ]
    );
}

#[test]
fn pieces_jointes_copiees_a_cote_de_la_base() {
    use passerelle_core::conventions::pieces;
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("p.sqlite");
    let b = base::ouvrir(&chemin).unwrap();
    let conv = fiches::creer(&b.conn, &apcm()).unwrap();
    pieces::ajouter(
        &b.conn,
        &chemin,
        conv.id,
        "Convention signée.pdf",
        b"%PDF-1.4 signee",
    )
    .unwrap();
    // Même nom : pas d'écrasement ; un chemin dans le nom ne sort pas du dossier.
    let l = pieces::ajouter(
        &b.conn,
        &chemin,
        conv.id,
        "../../Convention signée.pdf",
        b"%PDF-1.4 autre",
    )
    .unwrap();
    assert_eq!(l.len(), 2);
    assert_eq!(
        l[0].chemin,
        format!(
            "pieces-jointes/convention-{}/Convention signée.pdf",
            conv.id
        )
    );
    assert_eq!(
        l[1].chemin,
        format!(
            "pieces-jointes/convention-{}/Convention signée (2).pdf",
            conv.id
        )
    );
    assert_eq!(
        std::fs::read(pieces::chemin_complet(&b.conn, &chemin, l[1].id).unwrap()).unwrap(),
        b"%PDF-1.4 autre"
    );
    assert!(pieces::ajouter(&b.conn, &chemin, conv.id, "vide.pdf", b"").is_err());
    assert!(pieces::ajouter(&b.conn, &chemin, conv.id, "..", b"x").is_err());
    assert!(pieces::ajouter(&b.conn, &chemin, 999, "x.pdf", b"x").is_err());
    assert_eq!(pieces::lister(&b.conn, conv.id).unwrap().len(), 2);
}

/// Pièces jointes d'une base reçue d'ailleurs ou de noms hostiles : noms assainis pour Windows
/// et Linux, programmes refusés, chemin contrôlé à l'ouverture, fichiers retirés avec leur ligne.
#[test]
fn pieces_jointes_hostiles_refusees_contenues_et_jamais_orphelines() {
    use passerelle_core::conventions::pieces;
    let d = tempfile::tempdir().unwrap();
    let chemin = d.path().join("p.sqlite");
    let b = base::ouvrir(&chemin).unwrap();
    let conv = fiches::creer(&b.conn, &apcm()).unwrap();
    let dossier = d
        .path()
        .join(format!("pieces-jointes/convention-{}", conv.id));
    // Programmes et raccourcis : refusés, rien n'est écrit.
    for nom in ["setup.exe", "lien.LNK", "lanceur.desktop", "script.ps1"] {
        let e = pieces::ajouter(&b.conn, &chemin, conv.id, nom, b"MZ").unwrap_err();
        assert!(
            e.to_string().contains("programme ou un raccourci"),
            "{nom}: {e}"
        );
    }
    assert!(pieces::lister(&b.conn, conv.id).unwrap().is_empty());
    // Noms réservés de Windows, caractères interdits, nom trop long : assainis.
    let l = pieces::ajouter(&b.conn, &chemin, conv.id, "NUL.pdf", b"%PDF").unwrap();
    assert_eq!(l[0].nom, "NUL (document).pdf");
    let l = pieces::ajouter(&b.conn, &chemin, conv.id, "a<b>:c?.pdf", b"%PDF").unwrap();
    assert_eq!(l[1].nom, "a-b--c-.pdf");
    let long = format!("{}.pdf", "é".repeat(300));
    let l = pieces::ajouter(&b.conn, &chemin, conv.id, &long, b"%PDF").unwrap();
    assert_eq!(l[2].nom.chars().count(), 104);
    // Une base trafiquée qui pointe hors du dossier, ou vers un programme : refusée à l'ouverture.
    let faux = [
        "../../etc/passwd",
        "/etc/passwd",
        "pieces-jointes/../p.sqlite",
        "pieces-jointes/x/outil.exe",
    ];
    for chemin_faux in faux {
        b.conn
            .execute(
                "INSERT INTO piece_jointe (convention_id, nom, chemin, taille, ajoutee_le) VALUES (?1, 'x', ?2, 1, '2026-01-01')",
                rusqlite::params![conv.id, chemin_faux],
            )
            .unwrap();
        let id = b.conn.last_insert_rowid();
        let e = pieces::chemin_complet(&b.conn, &chemin, id)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("sort du dossier") || e.contains("programme"),
            "{chemin_faux}: {e}"
        );
        b.conn
            .execute("DELETE FROM piece_jointe WHERE id = ?1", [id])
            .unwrap();
    }
    // Retirer une pièce retire son fichier ; supprimer la convention retire son dossier.
    let fichier = pieces::chemin_complet(&b.conn, &chemin, l[0].id).unwrap();
    let l = pieces::retirer(&b.conn, &chemin, l[0].id).unwrap();
    assert_eq!(l.len(), 2);
    assert!(!fichier.exists());
    pieces::supprimer_convention(&b.conn, &chemin, conv.id).unwrap();
    assert!(!dossier.exists());
    let restantes: i64 = b
        .conn
        .query_row("SELECT count(*) FROM piece_jointe", [], |r| r.get(0))
        .unwrap();
    assert_eq!(restantes, 0);
}
