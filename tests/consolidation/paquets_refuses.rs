//! Paquets refusés : altérés, d'un schéma plus récent, venus de la base elle-même, ou qui ne
//! sont pas des paquets. Rien n'entre, la base reste la même.

use super::common::compter;
use super::outils::{base_de_consolidation, paquet_ipe_2007};
use passerelle_core::consolidation::{self, Perimetre};
use passerelle_core::dates::Periode;
use passerelle_core::travail::Suivi;
use passerelle_core::Connection;
use std::path::PathBuf;

fn refus(c: &Connection, paquet: &PathBuf) -> String {
    let r =
        consolidation::importer(c, std::slice::from_ref(paquet), false, &Suivi::default()).unwrap();
    assert!(r[0].compte_rendu.is_none(), "{r:?}");
    r[0].erreur.clone().unwrap()
}

fn modifier(paquet: &PathBuf, sql: &str) {
    let p = rusqlite::Connection::open(paquet).unwrap();
    p.execute_batch(sql).unwrap();
}

#[test]
fn un_paquet_altere_ou_trop_recent_est_refuse_sans_rien_changer() {
    let source = super::common::base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let cible = base_de_consolidation("National");
    let etat = |c: &Connection| {
        (
            compter(c, "action_ipe"),
            compter(c, "journal"),
            compter(c, "consolidation_source"),
        )
    };
    let avant = etat(&cible);

    let altere = paquet_ipe_2007(&source, dossier.path(), "Lille");
    modifier(&altere, "UPDATE fiche SET donnees = replace(donnees, '\"jeunes_filles\":', '\"jeunes_filles\":1') WHERE ordre = (SELECT max(ordre) FROM fiche WHERE table_nom = 'action_ipe')");
    let m = refus(&cible, &altere);
    assert!(m.contains("ne correspond pas à son empreinte"), "{m}");

    let recent = paquet_ipe_2007(&source, dossier.path(), "Lyon");
    modifier(
        &recent,
        "UPDATE manifeste SET valeur = '99' WHERE cle = 'version_schema'",
    );
    let m = refus(&cible, &recent);
    assert!(
        m.contains("version plus récente de Passerelle (schéma 99"),
        "{m}"
    );

    // Une date d'export dans le futur bloquerait les paquets suivants de la source ; illisible,
    // le manifeste est abîmé.
    for (date, attendu) in [
        ("2999-01-01T00:00:00", "dans le futur"),
        ("demain", "manifeste est incomplet ou abîmé"),
    ] {
        let futur = dossier.path().join(format!("futur-{attendu}.passerelle"));
        std::fs::copy(&recent, &futur).unwrap();
        modifier(
            &futur,
            &format!(
                "UPDATE manifeste SET valeur = '{date}' WHERE cle = 'cree_le';
                 UPDATE manifeste SET valeur = '1' WHERE cle = 'version_schema'"
            ),
        );
        let m = refus(&cible, &futur);
        assert!(m.contains(attendu), "{m}");
    }

    let base = dossier.path().join("une base.passerelle");
    passerelle_core::base::ouvrir(&base).unwrap();
    assert!(refus(&cible, &base).contains("c'est une base Passerelle, pas un paquet"));
    let texte = dossier.path().join("notes.passerelle");
    std::fs::write(&texte, "pas un paquet").unwrap();
    assert!(refus(&cible, &texte).contains("n'est pas un paquet Passerelle"));

    let chez_soi = paquet_ipe_2007(&cible, dossier.path(), "");
    assert!(refus(&cible, &chez_soi).contains("exporté par cette base même"));
    assert_eq!(etat(&cible), avant);
}

#[test]
fn un_paquet_plus_ancien_de_la_meme_contribution_est_refuse() {
    let source = super::common::base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let cible = base_de_consolidation("National");
    let ancien = paquet_ipe_2007(&source, dossier.path(), "Lille");
    let ancien = {
        let p = dossier.path().join("ancien.passerelle");
        std::fs::rename(&ancien, &p).unwrap();
        p
    };
    // Une seconde plus tard, la même contribution exportée de nouveau (la date est à la seconde).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let recent = paquet_ipe_2007(&source, dossier.path(), "Lille");
    super::outils::importer(&cible, &[recent]);
    let avant = compter(&cible, "journal");
    let message = refus(&cible, &ancien);
    assert!(
        message.contains("est plus ancien : il n'a pas été importé"),
        "{message}"
    );
    assert_eq!(compter(&cible, "journal"), avant);
}

#[test]
fn l_export_demande_un_nom_et_une_academie_connue() {
    let c = passerelle_core::base::en_memoire().unwrap();
    let d = consolidation::DemandeExport {
        perimetre: Perimetre::Tout,
        periode: Periode::Civile(2007),
        academie: String::new(),
    };
    let m =
        super::common::message_sous("nom", consolidation::document_paquet(&c, &d).map(|d| d.nom));
    assert!(m.contains("n'a pas encore de nom"), "{m}");
    let c = super::common::base_demo_en_memoire();
    let d = consolidation::DemandeExport {
        academie: "Atlantide".into(),
        ..d
    };
    let m = super::common::message_sous(
        "academie",
        consolidation::document_paquet(&c, &d).map(|d| d.nom),
    );
    assert!(m.contains("« Atlantide »"), "{m}");
}

/// Annuler pendant l'import de plusieurs paquets défait aussi ceux déjà passés.
#[test]
fn annuler_en_cours_de_route_ne_laisse_rien() {
    let source = super::common::base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let cible = base_de_consolidation("National");
    let paquets: Vec<PathBuf> = ["Lille", "Lyon"]
        .iter()
        .map(|a| paquet_ipe_2007(&source, dossier.path(), a))
        .collect();
    let suivi = Suivi::default();
    suivi.annuler();
    let e = consolidation::importer(&cible, &paquets, false, &suivi).unwrap_err();
    assert!(e.to_string().contains("rien n'a été enregistré"), "{e}");
    assert_eq!(
        (
            compter(&cible, "action_ipe"),
            compter(&cible, "consolidation_source")
        ),
        (0, 0)
    );
}

/// Un manifeste qui ment sur ses comptes (nombres démesurés, négatifs) : les paquets sont
/// refusés pour leur empreinte, sans que l'estimation faite avant de les lire ne déborde.
#[test]
fn des_comptes_demesures_ne_font_rien_deborder() {
    let source = super::common::base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let cible = base_de_consolidation("National");
    let original = paquet_ipe_2007(&source, dossier.path(), "Lille");
    let mut paquets = Vec::new();
    for (i, comptes) in [
        i64::MAX.to_string(),
        i64::MAX.to_string(),
        i64::MAX.to_string(),
        "-5".into(),
    ]
    .iter()
    .enumerate()
    {
        let p = dossier.path().join(format!("menteur-{i}.passerelle"));
        std::fs::copy(&original, &p).unwrap();
        modifier(
            &p,
            &format!(
                "UPDATE manifeste SET valeur = '{{\"action_ipe\":{comptes},\"ipe\":{comptes}}}' WHERE cle = 'comptes'"
            ),
        );
        paquets.push(p);
    }
    let r = consolidation::importer(&cible, &paquets, false, &Suivi::default()).unwrap();
    assert_eq!(r.len(), 4);
    for p in &r {
        let m = p.erreur.clone().unwrap_or_default();
        assert!(m.contains("ne correspond pas à son empreinte"), "{m}");
    }
    assert_eq!(compter(&cible, "action_ipe"), 0);
    assert_eq!(super::common::index_fts_verifie(&cible, "action_ipe"), 3);
}

/// Plusieurs paquets d'un coup (chacun lu d'avance pendant que le précédent fusionne) : un
/// paquet altéré au milieu est refusé seul, le même paquet donné deux fois n'entre qu'une fois,
/// et chaque compte rendu parle de son propre fichier.
#[test]
fn des_paquets_d_un_coup_dont_un_altere_et_un_en_double() {
    let source = super::common::base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let cible = base_de_consolidation("National");
    let paquet = |a| paquet_ipe_2007(&source, dossier.path(), a);
    let (lille, lyon, bordeaux) = (paquet("Lille"), paquet("Lyon"), paquet("Bordeaux"));
    modifier(&lyon, "UPDATE fiche SET donnees = replace(donnees, '\"jeunes_filles\":', '\"jeunes_filles\":1') WHERE ordre = (SELECT max(ordre) FROM fiche WHERE table_nom = 'action_ipe')");
    let chemins = [lille.clone(), lyon, lille.clone(), bordeaux.clone()];
    let r = consolidation::importer(&cible, &chemins, false, &Suivi::default()).unwrap();
    let actions = |academie: &str| -> i64 {
        source
            .query_row(
                "SELECT count(*) FROM action_ipe x JOIN academie a ON a.id = x.academie_id
                 WHERE a.nom = ?1 AND x.date LIKE '2007-%'",
                [academie],
                |l| l.get(0),
            )
            .unwrap()
    };
    let nouvelles_actions = |i: usize| {
        let cr = r[i].compte_rendu.as_ref().unwrap();
        assert_eq!(cr.fichier, passerelle_core::fichiers::nom(&chemins[i]));
        (cr.deja_recu, cr.nouvelles)
    };
    let (deja, lille_nouvelles) = nouvelles_actions(0);
    assert!(!deja && lille_nouvelles as i64 >= actions("Lille"), "{r:?}");
    assert!(r[1].erreur.as_ref().unwrap().contains("empreinte"), "{r:?}");
    assert_eq!(nouvelles_actions(2), (true, 0));
    assert!(!nouvelles_actions(3).0, "{r:?}");
    let recues = |academie: &str| -> i64 {
        cible
            .query_row(
                "SELECT count(*) FROM action_ipe x JOIN academie a ON a.id = x.academie_id
                 WHERE a.nom = ?1",
                [academie],
                |l| l.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        (recues("Lille"), recues("Lyon"), recues("Bordeaux")),
        (actions("Lille"), 0, actions("Bordeaux"))
    );
    assert_eq!(compter(&cible, "consolidation_source"), 2);
}
