//! Les noms français des sortes de fiches (tables) et de leurs champs (colonnes), tels que le
//! journal, l'export des données d'une personne et la consolidation les affichent.

/// Le nom français d'une sorte de fiche (table).
pub fn nom_de_table(table: &str) -> String {
    const NOMS: &[(&str, &str)] = &[
        ("etablissement", "Établissement"),
        ("organisation", "Organisation"),
        ("personne", "Personne"),
        ("bassin", "Bassin"),
        ("convention", "Convention"),
        ("convention_statut", "Statut de convention"),
        ("convention_partie", "Partie de convention"),
        ("convention_article", "Article de convention"),
        ("avenant", "Avenant"),
        ("suivi_membre", "Membre d'un groupe de suivi"),
        ("suivi_action", "Action de suivi"),
        ("contrat_progres", "Contrat de progrès"),
        ("piece_jointe", "Pièce jointe"),
        ("reunion", "Réunion"),
        ("reunion_point", "Point de l'ordre du jour"),
        ("reunion_presence", "Présence"),
        ("reunion_decision", "Décision"),
        ("reunion_invite", "Invitation"),
        ("comite_clee", "Comité local École-entreprise"),
        ("comite_bassin", "Bassin d'un comité"),
        ("clee_membre", "Membre d'un CLEE"),
        ("action_clee", "Action de CLEE"),
        (
            "action_clee_etablissement",
            "Établissement d'une action de CLEE",
        ),
        (
            "action_clee_organisation",
            "Organisation d'une action de CLEE",
        ),
        ("cpc", "Commission professionnelle consultative"),
        ("cet", "Conseiller entreprise pour l'École"),
        ("mandat_cet", "Mandat de CET"),
        ("cet_etablissement", "Établissement d'un CET"),
        ("cet_jury", "Jury d'un CET"),
        ("animation_cet", "Animation du réseau des CET"),
        ("animation_coorganisateur", "Coorganisateur d'une animation"),
        ("ipe", "IPE"),
        ("mission_ipe", "Mission d'IPE"),
        ("action_ipe", "Action IPE"),
        ("action_ipe_intervenant", "IPE d'une action"),
        ("action_ipe_etablissement", "Établissement d'une action IPE"),
        ("action_ipe_organisation", "Organisation d'une action IPE"),
        ("theme_ipe", "Thème IPE"),
        ("commentaire_bilan", "Commentaire de bilan"),
        ("parametre", "Paramètre"),
        ("base", "Base"),
    ];
    traduit(NOMS, table).unwrap_or_else(|| majuscule(&table.replace('_', " ")))
}

/// Le nom français de `cle` dans la table `noms`, s'il y est.
fn traduit(noms: &[(&str, &str)], cle: &str) -> Option<String> {
    noms.iter()
        .find(|(c, _)| *c == cle)
        .map(|(_, n)| n.to_string())
}

fn majuscule(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(p) => p.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Le nom français d'un champ (colonne).
pub fn nom_de_champ(colonne: &str) -> String {
    const NOMS: &[(&str, &str)] = &[
        ("prenom", "prénom"),
        ("intitule", "intitulé"),
        ("uai", "UAI"),
        ("siret", "SIRET"),
        ("telephone", "téléphone"),
        ("civilite", "civilité"),
        ("date_effet", "date d'effet"),
        ("date_signature", "date de signature"),
        ("duree_mois", "durée (mois)"),
        ("preavis_mois", "préavis (mois)"),
        ("garcons", "garçons"),
        ("jeunes_garcons", "jeunes garçons"),
        ("remplacee_par_id", "renouvelée par"),
        ("academie_id", "académie"),
        ("etablissement_id", "établissement"),
        ("theme_id", "thème"),
        ("reunions_par_an", "réunions par an"),
        ("cle", "clé"),
        ("email", "courriel"),
        ("quotite", "quotité"),
        ("annee", "année"),
        ("periode", "période"),
        ("perimetre", "périmètre"),
        ("reunion_id", "réunion"),
        ("comite_id", "comité"),
        ("etat", "état"),
        ("echeance", "échéance"),
        ("debut", "début"),
        ("employeur_id", "employeur"),
        ("ajoutee_le", "ajoutée le"),
        ("close_le", "close le"),
        ("realise", "réalisé"),
        ("specialites", "spécialités"),
        ("designation", "désignation"),
        ("diplome", "diplôme"),
        ("college", "collège"),
        ("etablissements", "établissements"),
        (
            "organisations_professionnelles",
            "organisations professionnelles",
        ),
        ("evaluation_jour", "jour de l'évaluation"),
        ("evaluation_mois", "mois de l'évaluation"),
        ("action_prevue", "action prévue"),
        ("cpc_id", "CPC"),
        ("cet_id", "CET"),
        ("ipe_id", "IPE"),
        ("statut_pro", "statut professionnel"),
        ("role", "rôle"),
        ("lettre_date", "date de la lettre"),
        ("date_arrete", "date de l'arrêté"),
        ("compte_rendu", "compte rendu"),
    ];
    traduit(NOMS, colonne).unwrap_or_else(|| colonne.trim_end_matches("_id").replace('_', " "))
}
