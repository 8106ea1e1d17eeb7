//! La démonstration de 2007 découpée en 24 paquets d'académie et un paquet national, pour 2006
//! et 2007, fusionnés dans une base vide : le bilan consolidé est celui de 2007, chiffre pour
//! chiffre. Le même paquet deux fois ne change rien ; une correction à la source change les
//! totaux de cette correction, exactement.

use super::common::{base_demo_en_memoire, compter};
use super::outils::{base_de_consolidation, contenu, exporter, importer, paquet_ipe_2007};
use passerelle_core::consolidation::{self, Perimetre};
use passerelle_core::dates::Periode;
use passerelle_core::ipe::bilan;
use std::path::PathBuf;

fn paquets_2006_2007(c: &passerelle_core::Connection, dossier: &std::path::Path) -> Vec<PathBuf> {
    let codes: Vec<String> = c
        .prepare(
            "SELECT DISTINCT a.code FROM academie a JOIN ipe i ON i.academie_id = a.id ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(codes.len(), 24);
    let mut paquets = Vec::new();
    for annee in [2006, 2007] {
        for code in codes.iter().map(String::as_str).chain(["national"]) {
            paquets.push(exporter(
                c,
                dossier,
                Perimetre::Ipe,
                Periode::Civile(annee),
                code,
            ));
        }
    }
    paquets
}

#[test]
fn vingt_quatre_academies_et_le_national_refont_le_bilan_2007() {
    let source = base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let paquets = paquets_2006_2007(&source, dossier.path());
    assert_eq!(paquets.len(), 50);
    let cible = base_de_consolidation("National");
    let comptes = importer(&cible, &paquets);
    assert!(
        comptes
            .iter()
            .all(|cr| cr.conflits.is_empty() && !cr.deja_recu),
        "{comptes:?}"
    );
    // Chaque action arrive une fois, chaque IPE une fois même cité par plusieurs paquets.
    assert_eq!(
        compter(&cible, "action_ipe"),
        compter(&source, "action_ipe")
    );
    assert_eq!(compter(&cible, "ipe"), compter(&source, "ipe"));
    assert_eq!(
        compter(&cible, "mission_ipe"),
        compter(&source, "mission_ipe")
    );
    for periode in [Periode::Civile(2007), Periode::Scolaire(2006)] {
        let attendu =
            serde_json::to_value(bilan::calculer(&source, periode, None).unwrap()).unwrap();
        let obtenu = serde_json::to_value(bilan::calculer(&cible, periode, None).unwrap()).unwrap();
        assert_eq!(obtenu, attendu, "{periode:?}");
    }
    let b = bilan::calculer(&cible, Periode::Civile(2007), None).unwrap();
    assert_eq!(
        (b.actions, b.jeunes, b.ipe_etp, b.academies),
        (2008, 222_471, 53, 24)
    );
    // Les liens d'une action (IPE, établissements) ont suivi.
    let liens = "SELECT i.uid, a.uid FROM action_ipe_intervenant l JOIN ipe i ON i.id = l.ipe_id
                 JOIN action_ipe a ON a.id = l.action_id";
    assert_eq!(contenu(&cible, liens), contenu(&source, liens));
    let sources = consolidation::sources(&cible).unwrap();
    assert_eq!(sources.len(), 50);
    let lille = sources
        .iter()
        .find(|s| s.portee == "Lille" && s.periode == "2007")
        .unwrap();
    assert!(
        lille.contenu.starts_with("Action IPE : 71, IPE : "),
        "{}",
        lille.contenu
    );
    assert!(sources
        .iter()
        .any(|s| s.portee == "niveau national" && s.periode == "2007"));
    let couverture = consolidation::couverture(&cible, Perimetre::Ipe, "2007", None)
        .unwrap()
        .unwrap();
    assert!(
        couverture.starts_with("25 sources, reçues "),
        "{couverture}"
    );
    // Le bilan de Lille ne compte que le paquet de Lille.
    let lille_id: i64 = cible
        .query_row("SELECT id FROM academie WHERE code = '09'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let couverture = bilan::apercu(&cible, Periode::Civile(2007), Some(lille_id))
        .unwrap()
        .ligne_couverture
        .unwrap();
    assert!(
        couverture.starts_with("Consolidation : 1 source, reçue le "),
        "{couverture}"
    );
}

#[test]
fn le_meme_paquet_deux_fois_ne_change_rien() {
    let source = base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let paquet = paquet_ipe_2007(&source, dossier.path(), "Lille");
    let cible = base_de_consolidation("DAET Lille");
    let premier = importer(&cible, std::slice::from_ref(&paquet));
    assert!(premier[0].nouvelles > 0 && !premier[0].deja_recu);
    let avant = (
        compter(&cible, "action_ipe"),
        compter(&cible, "journal"),
        compter(&cible, "consolidation_fiche"),
    );
    let second = importer(&cible, std::slice::from_ref(&paquet));
    assert!(second[0].deja_recu, "{second:?}");
    assert_eq!((second[0].nouvelles, second[0].remplacees), (0, 0));
    let apres = (
        compter(&cible, "action_ipe"),
        compter(&cible, "journal"),
        compter(&cible, "consolidation_fiche"),
    );
    assert_eq!(apres, avant);
    // Exporté de nouveau sans changement, une seconde plus tard (autre date, donc autre
    // empreinte) : chaque fiche est comparée et trouvée inchangée.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let encore = paquet_ipe_2007(&source, dossier.path(), "Lille");
    let troisieme = importer(&cible, &[encore]);
    assert!(!troisieme[0].deja_recu);
    assert_eq!(
        (
            troisieme[0].nouvelles,
            troisieme[0].remplacees,
            troisieme[0].supprimees
        ),
        (0, 0, 0)
    );
    // Seules les fiches apportées en propre sont comparées ; les fiches citées restent telles quelles.
    let propres: i64 = consolidation::lire_manifeste(&paquet)
        .unwrap()
        .comptes
        .values()
        .sum();
    assert_eq!(troisieme[0].inchangees as i64, propres);
}

#[test]
fn une_correction_a_la_source_change_les_totaux_de_cette_correction() {
    let source = base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let ipe =
        |periode, academie| exporter(&source, dossier.path(), Perimetre::Ipe, periode, academie);
    let (lille, lyon, lyon_2006) = (
        ipe(Periode::Civile(2007), "Lille"),
        ipe(Periode::Civile(2007), "Lyon"),
        ipe(Periode::Civile(2006), "Lyon"),
    );
    let cible = base_de_consolidation("National");
    importer(&cible, &[lille, lyon, lyon_2006]);
    let avant = bilan::calculer(&cible, Periode::Civile(2007), None).unwrap();
    // À Lille : une action corrigée (+10 filles), une autre supprimée.
    let (corrigee, supprimee): (i64, i64) = source
        .query_row(
            "SELECT min(a.id), max(a.id) FROM action_ipe a JOIN academie c ON c.id = a.academie_id
             WHERE c.nom = 'Lille' AND a.date LIKE '2007%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (filles_suppr, jeunes_suppr): (i64, i64) = source
        .query_row(
            "SELECT jeunes_filles, jeunes_filles + jeunes_garcons FROM action_ipe WHERE id = ?1",
            [supprimee],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    source
        .execute(
            "UPDATE action_ipe SET jeunes_filles = jeunes_filles + 10 WHERE id = ?1",
            [corrigee],
        )
        .unwrap();
    source
        .execute("DELETE FROM action_ipe WHERE id = ?1", [supprimee])
        .unwrap();
    let corrige = paquet_ipe_2007(&source, dossier.path(), "Lille");
    let cr = importer(&cible, &[corrige]);
    assert_eq!(
        (cr[0].remplacees, cr[0].supprimees, cr[0].nouvelles),
        (1, 1, 0),
        "{cr:?}"
    );
    let apres = bilan::calculer(&cible, Periode::Civile(2007), None).unwrap();
    assert_eq!(apres.actions, avant.actions - 1);
    assert_eq!(
        apres.effectifs.jeunes_filles,
        avant.effectifs.jeunes_filles + 10 - filles_suppr
    );
    assert_eq!(apres.jeunes, avant.jeunes + 10 - jeunes_suppr);
    // Lyon n'a pas bougé : son bilan est celui de la source, évolution sur 2006 comprise.
    let lyon = |c: &passerelle_core::Connection| {
        let id = passerelle_core::annuaire::academies::trouver(c, "Lyon")
            .unwrap()
            .id;
        serde_json::to_value(bilan::calculer(c, Periode::Civile(2007), Some(id)).unwrap()).unwrap()
    };
    assert_eq!(lyon(&cible), lyon(&source));
}

/// Les académies sans paquet : toutes les autres pour une base nationale, seulement la sienne
/// pour une base d'académie.
#[test]
fn une_base_d_academie_ne_guette_que_son_academie() {
    let source = base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let paquet = |code| paquet_ipe_2007(&source, dossier.path(), code);
    let (lille, lyon) = (paquet("Lille"), paquet("Lyon"));
    let academies = compter(&source, "academie") as usize;
    let national = base_de_consolidation("National");
    importer(&national, std::slice::from_ref(&lille));
    let etat = consolidation::etat(&national).unwrap();
    assert_eq!(etat.academie, "");
    let (periode, manquantes) = &etat.manquantes[0];
    assert_eq!(periode, "2007");
    assert_eq!(manquantes.len(), academies - 1);
    assert!(!manquantes.contains(&"Lille".to_string()));
    let daet = base_de_consolidation("DAET Lyon");
    consolidation::nommer(
        &daet,
        &consolidation::Identite {
            academie: "10".into(),
            ..consolidation::identite(&daet).unwrap()
        },
    )
    .unwrap();
    importer(&daet, &[lille]);
    let etat = consolidation::etat(&daet).unwrap();
    assert_eq!(etat.academie, "académie de Lyon");
    assert_eq!(
        etat.manquantes,
        [("2007".to_string(), vec!["Lyon".to_string()])]
    );
    importer(&daet, &[lyon]);
    let etat = consolidation::etat(&daet).unwrap();
    assert_eq!(
        etat.manquantes,
        [("2007".to_string(), Vec::<String>::new())]
    );
}
