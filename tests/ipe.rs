//! IPE : registre, missions, actions, imports tout-ou-rien et bilan annuel (définitions du bilan 2007).

use passerelle_core::annuaire::academies;
use passerelle_core::ipe::actions::{self, FiltreActions, SaisieAction};
use passerelle_core::ipe::bilan::{self, Periode};
use passerelle_core::ipe::import;
use passerelle_core::ipe::intervenants::{self, FiltreIpe, SaisieMission};
use passerelle_core::ipe::themes;
use passerelle_core::travail::Suivi;
use passerelle_core::{base, Connection, Erreur};

mod common;
use common::{base_demo_en_memoire as base_demo, compter};

#[test]
fn le_bilan_2007_de_la_demonstration_reproduit_celui_du_seminaire() {
    let c = base_demo();
    let b = bilan::calculer(&c, Periode::Civile(2007), None).unwrap();
    assert_eq!(b.mois_activite, 639.8);
    assert_eq!(b.ipe_etp, 53);
    assert_eq!(b.academies, 24);
    assert_eq!(b.actions, 2008);
    assert_eq!(b.effectifs.etablissements, 6025);
    assert_eq!(
        (
            b.jeunes,
            b.effectifs.jeunes_filles,
            b.effectifs.jeunes_garcons
        ),
        (222_471, 105_607, 116_864)
    );
    assert_eq!(
        (
            b.enseignants,
            b.effectifs.enseignants_femmes,
            b.effectifs.enseignants_hommes
        ),
        (30_974, 11_091, 19_883)
    );
    assert_eq!(b.effectifs.entreprises, 3533);
    assert_eq!(b.effectifs.organisations_professionnelles, 444);
    assert_eq!(b.actions_precedentes, 1731);
    assert_eq!(b.evolution, Some(16));
    let par_theme: Vec<i64> = b.themes.iter().map(|t| t.actions).collect();
    assert_eq!(
        par_theme,
        [175, 245, 200, 76, 63, 214, 228, 188, 144, 88, 89, 44, 61, 193]
    );
    let t = |code: &str| b.themes.iter().find(|t| t.code == code).unwrap().clone();
    assert_eq!(
        (
            t("information_metiers").academies,
            t("information_metiers").jeunes,
            t("information_metiers").enseignants
        ),
        (19, 62_255, 9_370)
    );
    let appui = t("appui_technologique");
    assert_eq!(
        (
            appui.academies,
            appui.effectifs.etablissements,
            appui.effectifs.entreprises,
            appui.effectifs.organisations_professionnelles
        ),
        (11, 227, 968, 180)
    );
    assert_eq!(t("entrepreneuriat").academies, 16);
    assert_eq!(t("partenariat_entreprises").academies, 17);
    assert_eq!(t("developpement_local").academies, 18);
    assert_eq!(t("lycees_des_metiers").academies, 10);
}

#[test]
fn bilan_d_une_academie_et_par_annee_scolaire() {
    let c = base_demo();
    let lille = academies::trouver(&c, "Lille").unwrap().id;
    let b = bilan::calculer(&c, Periode::Civile(2007), Some(lille)).unwrap();
    assert_eq!(b.perimetre_libelle, "académie de Lille");
    // Devant une voyelle, « de » s'élide.
    let amiens = academies::trouver(&c, "Amiens").unwrap().id;
    let b_amiens = bilan::calculer(&c, Periode::Civile(2007), Some(amiens)).unwrap();
    assert_eq!(b_amiens.perimetre_libelle, "académie d'Amiens");
    assert_eq!(b.academies, 1);
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM action_ipe WHERE academie_id = ?1 AND date LIKE '2007-%'",
            [lille],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(b.actions, n);
    assert!(b.actions > 0 && b.actions < 2008);
    // Année scolaire 2006-2007 : actions du 01/09/2006 au 31/08/2007.
    let s = bilan::calculer(&c, Periode::Scolaire(2006), None).unwrap();
    let attendu: i64 = c
        .query_row(
            "SELECT count(*) FROM action_ipe WHERE date BETWEEN '2006-09-01' AND '2007-08-31'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(s.actions, attendu);
    assert_eq!(s.periode_libelle, "2006-2007");
}

#[test]
fn evolution_absente_sans_annee_precedente() {
    let c = base_demo();
    let b = bilan::calculer(&c, Periode::Civile(2006), None).unwrap();
    assert_eq!(b.actions, 1731);
    assert_eq!(b.evolution, None);
}

fn saisie(c: &Connection) -> SaisieAction {
    SaisieAction {
        date: "15/03/2026".into(),
        academie_id: Some(academies::trouver(c, "09").unwrap().id),
        theme_id: Some(themes::trouver(c, "stages").unwrap().unwrap().id),
        intitule: "Forum des stages du bassin".into(),
        jeunes_filles: "12".into(),
        jeunes_garcons: "1 030".into(),
        enseignants_femmes: "3".into(),
        ..Default::default()
    }
}

#[test]
fn action_totaux_derives_duplication_et_filtres() {
    let c = base::en_memoire().unwrap();
    let a = actions::creer(&c, &saisie(&c)).unwrap();
    assert_eq!(
        (a.jeunes, a.enseignants, a.effectifs.jeunes_garcons),
        (1042, 3, 1030)
    );
    assert_eq!(a.date, "2026-03-15");
    let copie = actions::dupliquer(&c, a.id).unwrap();
    assert_ne!(copie.id, a.id);
    assert_eq!(copie.intitule, a.intitule);
    let f = FiltreActions {
        annee: Some(2026),
        ..Default::default()
    };
    assert_eq!(actions::lister(&c, &f).unwrap().total, 2);
    let f = FiltreActions {
        annee: Some(2025),
        ..Default::default()
    };
    assert_eq!(actions::lister(&c, &f).unwrap().total, 0);
    actions::supprimer(&c, copie.id).unwrap();
    assert_eq!(compter(&c, "action_ipe"), 1);
}

#[test]
fn action_invalide_messages_par_champ_et_rien_n_est_ecrit() {
    let c = base::en_memoire().unwrap();
    let s = SaisieAction {
        date: "31/02/2026".into(),
        jeunes_filles: "-4".into(),
        entreprises: "beaucoup".into(),
        intitule: " ".into(),
        ..saisie(&c)
    };
    let Erreur::Validation(champs) = actions::creer(&c, &s).unwrap_err() else {
        panic!("validation attendue")
    };
    let noms: Vec<&str> = champs.iter().map(|x| x.champ).collect();
    assert_eq!(noms, ["date", "intitule", "jeunes_filles", "entreprises"]);
    assert!(champs[2].message.contains("négatif"));
    assert_eq!(compter(&c, "action_ipe"), 0);
}

#[test]
fn missions_fin_avant_debut_et_chevauchement_refuses() {
    let c = base_demo();
    let ipe = intervenants::lister(&c, &FiltreIpe::default())
        .unwrap()
        .lignes[0]
        .clone();
    let avant = intervenants::missions(&c, ipe.id).unwrap();
    let e = intervenants::ajouter_mission(
        &c,
        ipe.id,
        &SaisieMission {
            debut: "01/09/2026".into(),
            fin: "31/08/2026".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("précède son début"), "{e}");
    // La mission de démonstration est ouverte : une nouvelle mission la chevauche.
    let e = intervenants::ajouter_mission(
        &c,
        ipe.id,
        &SaisieMission {
            debut: "01/09/2026".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("chevauche"), "{e}");
    let e = intervenants::ajouter_mission(
        &c,
        ipe.id,
        &SaisieMission {
            debut: "01/09/2001".into(),
            fin: "31/08/2002".into(),
            quotite: "120".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("quotité"), "{e}");
    assert_eq!(intervenants::missions(&c, ipe.id).unwrap(), avant);
    let m = intervenants::ajouter_mission(
        &c,
        ipe.id,
        &SaisieMission {
            debut: "01/09/2001".into(),
            fin: "31/08/2002".into(),
            quotite: "80 %".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m.quotite, 80);
    // Modifiée : relue telle qu'enregistrée ; disparue : refusée en français.
    let autre = SaisieMission {
        debut: "01/09/2001".into(),
        fin: "31/08/2002".into(),
        quotite: "50".into(),
        ..Default::default()
    };
    assert_eq!(
        intervenants::modifier_mission(&c, m.id, &autre)
            .unwrap()
            .quotite,
        50
    );
    intervenants::supprimer_mission(&c, m.id).unwrap();
    let e = intervenants::modifier_mission(&c, m.id, &autre).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("La mission n° {} n'existe pas (ou plus).", m.id)
    );
    assert_eq!(intervenants::missions(&c, ipe.id).unwrap(), avant);
    // Une fiche IPE citée par des actions ne se supprime pas.
    let e = intervenants::supprimer(&c, ipe.id).unwrap_err();
    assert!(e.to_string().contains("actions IPE"), "{e}");
}

#[test]
fn filtre_ipe_actifs_en_annee() {
    let c = base_demo();
    let f = |annee| FiltreIpe {
        actif_en: Some(annee),
        ..Default::default()
    };
    assert_eq!(intervenants::lister(&c, &f(2007)).unwrap().total, 54);
    assert_eq!(intervenants::lister(&c, &f(2002)).unwrap().total, 0);
}

const ENTETE_ACTIONS: &str = "date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles";

#[test]
fn import_actions_windows_1252_virgule_colonnes_dans_le_desordre() {
    let c = base::en_memoire().unwrap();
    let mut fichier = b"Intitul\xe9,Date,Th\xe8me,Acad\xe9mie,IPE,Etablissements,jeunes_filles,jeunes_garcons,enseignants_femmes,enseignants_hommes,entreprises,organisations_professionnelles\r\n".to_vec();
    fichier.extend_from_slice(b"Forum des m\xe9tiers,2007-03-02,Information sur les m\xe9tiers,LILLE,,3,\"1 200\",1300,4,5,6,1\r\n");
    fichier.extend_from_slice(b"Stage \xe0 l'\xe9tranger,14/05/2007,stages,,,,,,,,,\r\n");
    let r = import::importer_actions(&c, &fichier, false, &Suivi::default()).unwrap();
    assert_eq!(
        (r.lignes, r.encodage, r.separateur),
        (2, "Windows-1252", ',')
    );
    let l = actions::lister(&c, &FiltreActions::default())
        .unwrap()
        .lignes;
    let forum = l
        .iter()
        .find(|a| a.intitule == "Forum des métiers")
        .unwrap();
    assert_eq!(
        (forum.jeunes, forum.academie.as_deref()),
        (2500, Some("Lille"))
    );
    let stage = l
        .iter()
        .find(|a| a.intitule == "Stage à l'étranger")
        .unwrap();
    assert_eq!((stage.niveau.as_str(), stage.jeunes), ("national", 0));
}

#[test]
fn import_actions_utf8_bom_point_virgule() {
    let c = base_demo();
    let avant = compter(&c, "action_ipe");
    let fichier = format!(
        "\u{feff}{ENTETE_ACTIONS}\nlundi 5 mars;BERNARD Alain;09;stages;Essai;1;2;3;4;5;6;7\n"
    );
    let fichier = fichier.replace("lundi 5 mars", "05/03/2026");
    let r = import::importer_actions(&c, fichier.as_bytes(), true, &Suivi::default()).unwrap();
    assert!(r.essai);
    assert_eq!(compter(&c, "action_ipe"), avant, "l'essai n'écrit rien");
    import::importer_actions(&c, fichier.as_bytes(), false, &Suivi::default()).unwrap();
    assert_eq!(compter(&c, "action_ipe"), avant + 1);
}

#[test]
fn import_actions_toutes_les_lignes_fautives_signalees_et_rien_d_ecrit() {
    let c = base_demo();
    let avant = compter(&c, "action_ipe");
    let fichier = format!(
        "{ENTETE_ACTIONS}\n\
         05/03/2026;;Lille;stages;Bonne ligne;1;1;1;1;1;1;1\n\
         31/02/2026;;Lille;stages;Date fausse;1;1;1;1;1;1;1\n\
         05/03/2026;;Lille;stages;Négatif;1;-1;1;1;1;1;1\n\
         05/03/2026;;Lille;stages;Texte;1;1;douze;1;1;1;1\n\
         05/03/2026;;Atlantide;stages;Académie inconnue;1;1;1;1;1;1;1\n\
         05/03/2026;;Lille;cuisine;Thème inconnu;1;1;1;1;1;1;1\n\
         05/03/2026;INCONNU Personne;Lille;stages;IPE inconnu;1;1;1;1;1;1;1\n"
    );
    let Erreur::Import(lignes) =
        import::importer_actions(&c, fichier.as_bytes(), false, &Suivi::default()).unwrap_err()
    else {
        panic!()
    };
    assert_eq!(lignes.len(), 6, "{lignes:#?}");
    for (l, (numero, mot)) in lignes.iter().zip([
        (3, "date"),
        (4, "négatif"),
        (5, "nombre entier"),
        (6, "Atlantide"),
        (7, "cuisine"),
        (8, "INCONNU"),
    ]) {
        assert!(
            l.starts_with(&format!("Ligne {numero} : ")) && l.contains(mot),
            "{l}"
        );
    }
    assert_eq!(compter(&c, "action_ipe"), avant);
}

#[test]
fn import_fichier_mal_forme() {
    let c = base::en_memoire().unwrap();
    let e = import::importer_actions(
        &c,
        b"date;intitule\n01/01/2026;x\n",
        false,
        &Suivi::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("Colonnes absentes"), "{e}");
    let e = import::importer_actions(
        &c,
        format!("{ENTETE_ACTIONS}\n01/01/2026;;Lille;stages\n").as_bytes(),
        false,
        &Suivi::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("Ligne 2"), "{e}");
}

#[test]
fn import_registre_cree_personnes_entreprises_et_missions() {
    let c = base::en_memoire().unwrap();
    let fichier = "nom;prenom;entreprise;academie;debut_mission;fin_mission;quotite\n\
                   Durand;Léa;Rails Unis;Lyon;01/09/2024;;80\n\
                   DURAND;Léa;Rails Unis;Lyon;01/09/2020;31/08/2023;100\n\
                   MOREAU;Paul;;Nice;2025-01-06;2025-12-31;\n";
    let r = import::importer_ipe(&c, fichier.as_bytes(), false, &Suivi::default()).unwrap();
    assert_eq!(r.lignes, 3);
    assert!(r.creations.iter().any(|x| x.contains("Rails Unis")));
    let l = intervenants::lister(&c, &FiltreIpe::default()).unwrap();
    assert_eq!(l.total, 2);
    let lea = l
        .lignes
        .iter()
        .find(|i| i.nom_complet == "DURAND Léa")
        .unwrap();
    assert_eq!(intervenants::missions(&c, lea.id).unwrap().len(), 2);
    // 2025 : Léa à 80 % toute l'année (9,6 mois) + Paul du 6 janvier au 31 décembre.
    let b = bilan::calculer(&c, Periode::Civile(2025), None).unwrap();
    let paul = 26.0 / 31.0 + 11.0;
    assert_eq!(b.mois_activite, ((9.6 + paul) * 10.0_f64).round() / 10.0);
    assert_eq!(b.academies, 2);
    let faux = "nom;prenom;entreprise;academie;debut_mission;fin_mission;quotite\nX;Y;;Lyon;01/09/2024;01/01/2024;\n";
    let e = import::importer_ipe(&c, faux.as_bytes(), false, &Suivi::default()).unwrap_err();
    assert!(
        e.to_string().contains("Ligne 2") && e.to_string().contains("précède"),
        "{e}"
    );
    assert_eq!(
        intervenants::lister(&c, &FiltreIpe::default())
            .unwrap()
            .total,
        2
    );
}

#[path = "ipe/evolution.rs"]
mod evolution;
#[path = "ipe/imports_longs.rs"]
mod imports_longs;
#[path = "ipe/nombres.rs"]
mod nombres;
#[path = "ipe/recherche.rs"]
mod recherche;
#[path = "ipe/selecteur.rs"]
mod selecteur;
