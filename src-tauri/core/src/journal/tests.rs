use super::*;
use crate::annuaire::{academies, bassins};
use crate::base;

fn bassin(conn: &Connection, nom: &str) -> i64 {
    let lille = academies::trouver(conn, "Lille").unwrap();
    bassins::creer(
        conn,
        &bassins::SaisieBassin {
            nom: nom.into(),
            academie_id: Some(lille.id),
        },
    )
    .unwrap()
    .id
}

fn tout(conn: &Connection) -> Vec<Entree> {
    lister(conn, &FiltreJournal::default()).unwrap().lignes
}

fn compter(conn: &Connection, sql: &str, id: i64) -> i64 {
    conn.query_row(sql, [id], |r| r.get(0)).unwrap()
}

#[test]
fn creation_modification_suppression_notees_champ_par_champ() {
    let conn = base::en_memoire().unwrap();
    let id = bassin(&conn, "Lille Est");
    let lille = academies::trouver(&conn, "Lille").unwrap().id;
    let saisie = |nom: &str| bassins::SaisieBassin {
        nom: nom.into(),
        academie_id: Some(lille),
    };
    bassins::modifier(&conn, id, &saisie("Lille Métropole")).unwrap();
    // Enregistrer sans rien changer n'écrit rien au journal.
    bassins::modifier(&conn, id, &saisie("Lille Métropole")).unwrap();
    bassins::supprimer(&conn, id).unwrap();

    let e = tout(&conn);
    let ops: Vec<Operation> = e.iter().map(|x| x.operation).collect();
    assert_eq!(
        ops,
        [
            Operation::Suppression,
            Operation::Modification,
            Operation::Creation
        ]
    );
    assert!(e
        .iter()
        .all(|x| x.chemin == Chemin::Fenetre && x.module == Module::Annuaire));
    assert_eq!(e[1].fiche, "Bassin «\u{a0}Lille Métropole\u{a0}»");
    assert_eq!(
        e[1].changements,
        [Changement {
            champ: "nom".into(),
            avant: "Lille Est".into(),
            apres: "Lille Métropole".into(),
        }]
    );
    // La création montre ses champs ; l'académie citée par son nom, pas par son numéro.
    assert!(
        e[2].changements
            .iter()
            .any(|c| c.champ == "académie" && c.apres == "Lille"),
        "{:?}",
        e[2].changements
    );
    // La suppression montre ce qui a été supprimé.
    assert!(
        e[0].changements
            .iter()
            .any(|c| c.champ == "nom" && c.avant == "Lille Métropole" && c.apres.is_empty()),
        "{:?}",
        e[0].changements
    );
    assert!(rendre_journal_texte(&e[..1]).contains("nom : Lille Métropole"));
    assert!(e[0].restaurable);
    assert!(e[0].quand_fr.len() == 16 && e[0].quand_fr.as_bytes()[2] == b'/');
}

#[test]
fn le_chemin_dit_par_ou_le_changement_est_passe() {
    let conn = base::en_memoire().unwrap();
    par(&conn, Chemin::Import, || {
        // Le chemin le plus extérieur l'emporte.
        par(&conn, Chemin::Campagne, || {
            bassin(&conn, "Importé");
            Ok(())
        })
    })
    .unwrap();
    bassin(&conn, "Saisi");
    fixer_chemin(&conn, Chemin::LigneDeCommande).unwrap();
    bassin(&conn, "En ligne de commande");
    let e = tout(&conn);
    let chemins: Vec<Chemin> = e.iter().map(|x| x.chemin).collect();
    assert_eq!(
        chemins,
        [Chemin::LigneDeCommande, Chemin::Fenetre, Chemin::Import]
    );
    // Une erreur dans `faire` rend tout de même le chemin d'avant.
    let r: Resultat<()> = par(&conn, Chemin::Import, || Err(crate::Erreur::Annulee));
    assert!(r.is_err());
    bassin(&conn, "Après l'erreur");
    assert_eq!(tout(&conn)[0].chemin, Chemin::LigneDeCommande);
}

/// Une réunion de la démonstration et ses présences : supprimée en cascade, remise d'un coup.
#[test]
fn une_fiche_supprimee_revient_avec_ses_parties() {
    let conn = base::en_memoire().unwrap();
    crate::demo::charger(&conn).unwrap();
    let (reunion, presences): (i64, i64) = conn
        .query_row(
            "SELECT reunion_id, count(*) FROM reunion_presence GROUP BY reunion_id
             ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(presences >= 2);
    let compte_presences = "SELECT count(*) FROM reunion_presence WHERE reunion_id = ?1";
    // L'historique de la réunion montre ses parties (présences) comme ses propres champs.
    conn.execute(
        "UPDATE reunion_presence SET etat = 'excuse' WHERE reunion_id = ?1 AND etat <> 'excuse'",
        [reunion],
    )
    .unwrap();
    let h = historique_fiche(&conn, "reunion", reunion).unwrap();
    assert!(
        h.iter().any(|e| e.table == "reunion_presence"
            && e.changements
                .iter()
                .any(|c| c.apres == "Excusé" || c.apres == "Excusée")),
        "{h:?}"
    );

    conn.execute("DELETE FROM reunion WHERE id = ?1", [reunion])
        .unwrap();
    assert_eq!(compter(&conn, compte_presences, reunion), 0);
    let suppression = tout(&conn)
        .into_iter()
        .find(|e| e.table == "reunion" && e.operation == Operation::Suppression)
        .unwrap();
    assert!(suppression.restaurable);
    remettre(&conn, suppression.id).unwrap();
    assert_eq!(
        compter(&conn, "SELECT count(*) FROM reunion WHERE id = ?1", reunion),
        1
    );
    assert_eq!(compter(&conn, compte_presences, reunion), presences);
    let derniere = &tout(&conn)[0];
    assert_eq!(derniere.chemin, Chemin::Journal);
    // Déjà remise : refusée, rien ne change.
    let e = remettre(&conn, suppression.id).unwrap_err();
    assert!(e.to_string().contains("existe déjà"), "{e}");
    assert!(
        !lister(&conn, &FiltreJournal::default()).unwrap().lignes[..5]
            .iter()
            .any(|x| x.id == suppression.id && x.restaurable)
    );
}

#[test]
fn remise_refusee_quand_la_fiche_citee_a_disparu() {
    let conn = base::en_memoire().unwrap();
    conn.execute(
        "INSERT INTO organisation (type, nom) VALUES ('entreprise', 'Fonderie')",
        [],
    )
    .unwrap();
    let org = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO personne (civilite, nom, prenom, organisation_id) VALUES ('Mme', 'Martin', 'Anne', ?1)",
        [org],
    )
    .unwrap();
    let personne = conn.last_insert_rowid();
    conn.execute("DELETE FROM personne WHERE id = ?1", [personne])
        .unwrap();
    conn.execute("DELETE FROM organisation WHERE id = ?1", [org])
        .unwrap();
    let entree = tout(&conn)
        .into_iter()
        .find(|e| e.table == "personne" && e.operation == Operation::Suppression)
        .unwrap();
    assert_eq!(entree.fiche, "Personne «\u{a0}Anne Martin\u{a0}»");
    let avant = tout(&conn).len();
    let e = remettre(&conn, entree.id).unwrap_err();
    assert!(e.to_string().contains("cite une fiche supprimée"), "{e}");
    assert_eq!(
        compter(
            &conn,
            "SELECT count(*) FROM personne WHERE id = ?1",
            personne
        ),
        0
    );
    assert_eq!(
        tout(&conn).len(),
        avant,
        "rien d'écrit, pas même au journal"
    );
    // Une création ne se « remet » pas.
    let creation = tout(&conn)
        .into_iter()
        .find(|e| e.operation == Operation::Creation)
        .unwrap();
    assert!(remettre(&conn, creation.id).is_err());
}

#[test]
fn filtres_texte_et_csv() {
    let conn = base::en_memoire().unwrap();
    bassin(&conn, "Dunkerque");
    bassin(&conn, "Valenciennes");
    let f = FiltreJournal {
        recherche: "valenc".into(),
        ..Default::default()
    };
    let l = lister(&conn, &f).unwrap();
    assert_eq!(l.total, 1);
    assert_eq!(l.lignes[0].fiche, "Bassin «\u{a0}Valenciennes\u{a0}»");
    let demain = chrono::Local::now().date_naive() + chrono::Days::new(1);
    let futur = FiltreJournal {
        depuis: crate::dates::francaise(demain),
        ..Default::default()
    };
    assert_eq!(lister(&conn, &futur).unwrap().total, 0);
    let faux = FiltreJournal {
        depuis: "31/02/2026".into(),
        ..Default::default()
    };
    assert!(lister(&conn, &faux)
        .unwrap_err()
        .to_string()
        .contains("JJ/MM/AAAA"));
    let module = FiltreJournal {
        module: Some(Module::Conventions),
        ..Default::default()
    };
    assert_eq!(lister(&conn, &module).unwrap().total, 0);

    let entrees = modele_journal(&conn, &FiltreJournal::default()).unwrap();
    let texte = rendre_journal_texte(&entrees);
    assert!(
        texte.contains("Annuaire · Bassin «\u{a0}Valenciennes\u{a0}» · Création (fenêtre) – académie : Lille ; nom : Valenciennes"),
        "{texte}"
    );
    let csv = rendre_journal_csv(&entrees);
    let mut lecteur = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let entetes = lecteur.headers().unwrap().clone();
    assert_eq!(&entetes[5], "Champ");
    let lignes: Vec<::csv::StringRecord> = lecteur.records().map(|r| r.unwrap()).collect();
    assert!(lignes
        .iter()
        .any(|r| &r[2] == "Bassin «\u{a0}Dunkerque\u{a0}»"
            && &r[5] == "nom"
            && &r[7] == "Dunkerque"));
    let doc = document_journal(&conn, &FiltreJournal::default()).unwrap();
    assert_eq!(doc.nom, "Journal des changements.csv");
}

#[test]
fn chaque_table_de_la_base_est_journalisee() {
    let conn = base::en_memoire().unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
               AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'consolidation%'
               AND name NOT IN ('journal', 'academie')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let declencheurs: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'journal%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(tables >= 35, "{tables}");
    assert_eq!(declencheurs, tables * 3);
    // Chaque fiche qui voyage dans les paquets reçoit son identifiant global à la création.
    let avec_uid: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_list t WHERE t.schema = 'main'
               AND t.name NOT LIKE 'consolidation%' AND EXISTS (SELECT 1 FROM pragma_table_info(t.name) WHERE name = 'uid')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let uid: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'uid%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((avec_uid, uid), (24, 24));
    // Reposer les déclencheurs (après une restauration) ne les double pas.
    armer(&conn).unwrap();
    let encore: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'journal%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(encore, declencheurs);
}

/// Les créations d'un import sont notées d'un bloc à la fin, comme les déclencheurs les auraient
/// notées ; modifications et suppressions restent notées au fil de l'eau ; après, et même après
/// une erreur, les déclencheurs reprennent.
#[test]
fn creations_en_bloc_comme_ligne_a_ligne() {
    let conn = base::en_memoire().unwrap();
    let ancien = bassin(&conn, "Douai");
    let modifie = bassin(&conn, "Arras");
    let ligne_a_ligne: Vec<Vec<Changement>> =
        tout(&conn).into_iter().map(|e| e.changements).collect();
    let lille = academies::trouver(&conn, "Lille").unwrap().id;
    let ids = par(&conn, Chemin::Import, || {
        creations_en_bloc(&conn, || {
            bassins::modifier(
                &conn,
                modifie,
                &bassins::SaisieBassin {
                    nom: "Arras-Lens".into(),
                    academie_id: Some(lille),
                },
            )?;
            Ok((bassin(&conn, "Douai Sud"), bassin(&conn, "Cambrai")))
        })
    })
    .unwrap();
    let e = tout(&conn);
    assert_eq!(e.len(), 5, "{e:?}");
    let creees: Vec<&Entree> = e
        .iter()
        .filter(|x| x.chemin == Chemin::Import && x.operation == Operation::Creation)
        .collect();
    assert_eq!(creees.len(), 2);
    assert!(creees
        .iter()
        .any(|x| x.ligne == ids.0 && x.fiche.contains("Douai Sud")));
    assert!(creees
        .iter()
        .any(|x| x.ligne == ids.1 && x.fiche.contains("Cambrai")));
    // Mêmes champs que pour une création notée par déclencheur.
    let champs = |c: &[Changement]| c.iter().map(|x| x.champ.clone()).collect::<Vec<_>>();
    assert_eq!(champs(&creees[0].changements), champs(&ligne_a_ligne[0]));
    assert!(e
        .iter()
        .any(|x| x.operation == Operation::Modification && x.ligne == modifie));

    // Une erreur : rien n'est noté en bloc, et les déclencheurs sont reposés.
    let avant = tout(&conn).len();
    let r: Resultat<()> = creations_en_bloc(&conn, || Err(crate::Erreur::Annulee));
    assert!(r.is_err());
    assert_eq!(tout(&conn).len(), avant);
    bassins::supprimer(&conn, ancien).unwrap();
    assert_eq!(tout(&conn).len(), avant + 1);
    bassin(&conn, "Valenciennes");
    assert_eq!(tout(&conn).len(), avant + 2);
}

/// Crée d'un coup, par le chemin « import », `n` lignes de `table` par `sql` (`?1` : n).
fn creer_en_masse(conn: &Connection, sql: &str, n: i64) {
    par(conn, Chemin::Import, || {
        creations_en_bloc(conn, || Ok(conn.execute(sql, [n]).map(|_| ())?))
    })
    .unwrap();
}

/// Au-delà de 5 000 lignes créées d'un coup : une seule entrée pour la table ; l'historique
/// d'une de ces fiches retrouve sa création, avec ses valeurs d'alors.
#[test]
fn creations_en_masse_notees_d_une_seule_entree() {
    use crate::annuaire::recherche::SEUIL_EN_MASSE;
    let conn = base::en_memoire().unwrap();
    let n = SEUIL_EN_MASSE as i64 + 1;
    creer_en_masse(
        &conn,
        "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ?1)
         INSERT INTO bassin (nom, academie_id)
         SELECT 'Bassin ' || n, (SELECT id FROM academie WHERE nom = 'Lille') FROM i",
        n,
    );
    let (premier, dernier): (i64, i64) = conn
        .query_row("SELECT min(id), max(id) FROM bassin", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(dernier - premier + 1, n);
    let e = tout(&conn);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].operation, e[0].chemin, e[0].changements.len()),
        (Operation::Creation, Chemin::Import, 0)
    );
    assert!(e[0].en_bloc);
    assert_eq!(
        e[0].fiche,
        format!("Bassin : 5\u{202f}001 fiches créées d'un bloc (n° {premier} à {dernier})")
    );

    // Une fiche jamais modifiée : sa création montre ce qu'elle est.
    let h = historique_fiche(&conn, "bassin", premier + 1).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].ligne, h[0].en_bloc), (premier + 1, false));
    assert!(h[0].fiche.contains("Bassin 2"), "{}", h[0].fiche);
    let nom = |e: &Entree| {
        e.changements
            .iter()
            .find(|c| c.champ == "nom")
            .map(|c| (c.avant.clone(), c.apres.clone()))
    };
    assert_eq!(nom(&h[0]), Some((String::new(), "Bassin 2".into())));

    // Une fiche modifiée depuis : sa création garde le nom d'alors.
    let lille = academies::trouver(&conn, "Lille").unwrap().id;
    let dixieme = premier + 9;
    bassins::modifier(
        &conn,
        dixieme,
        &bassins::SaisieBassin {
            nom: "Bassin dix".into(),
            academie_id: Some(lille),
        },
    )
    .unwrap();
    let h = historique_fiche(&conn, "bassin", dixieme).unwrap();
    let ops: Vec<Operation> = h.iter().map(|e| e.operation).collect();
    assert_eq!(ops, [Operation::Modification, Operation::Creation]);
    assert_eq!(nom(&h[0]), Some(("Bassin 10".into(), "Bassin dix".into())));
    assert_eq!(nom(&h[1]), Some((String::new(), "Bassin 10".into())));
    // Hors de la plage, rien.
    assert!(historique_fiche(&conn, "bassin", dernier + 1)
        .unwrap()
        .is_empty());
}

/// La personne créée par un gros import : sa création est dans l'export de ses données, et elle
/// n'est pas « sans activité » le jour même.
#[test]
fn personne_creee_en_masse_dans_ses_donnees_et_active() {
    use crate::annuaire::donnees_personnelles as dp;
    use crate::annuaire::recherche::SEUIL_EN_MASSE;
    let conn = base::en_memoire().unwrap();
    creer_en_masse(
        &conn,
        "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ?1)
         INSERT INTO personne (civilite, nom, prenom, recherche)
         SELECT 'Mme', 'NOM' || n, 'Camille', 'nom' || n || ' camille' FROM i",
        SEUIL_EN_MASSE as i64 + 10,
    );
    let id: i64 = conn
        .query_row("SELECT id FROM personne WHERE nom = 'NOM7'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let d = dp::modele_donnees_personne(&conn, id).unwrap();
    assert_eq!(d.historique.len(), 1);
    assert_eq!(d.historique[0].operation, Operation::Creation);
    assert!(
        d.historique[0].fiche.contains("Camille NOM7"),
        "{}",
        d.historique[0].fiche
    );
    assert!(d.historique[0]
        .changements
        .iter()
        .any(|c| c.champ == "nom" && c.apres == "NOM7"));
    assert!(dp::personnes_inactives(&conn, 1).unwrap().is_empty());
    // Chaque fiche a reçu son identifiant global, comme ligne à ligne.
    assert_eq!(
        compter(
            &conn,
            "SELECT count(*) FROM personne WHERE uid IS NULL AND ?1",
            1
        ),
        0
    );
}
