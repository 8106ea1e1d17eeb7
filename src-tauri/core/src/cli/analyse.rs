//! Lecture des arguments par `lexopt` : options où qu'elles soient, « --option valeur » ou
//! « --option=valeur », arguments qui ne sont pas en UTF-8 refusés par un message (sauf les
//! chemins de fichiers, qui peuvent en être).

use super::{Demande, FormatEcheances, Importable};
use lexopt::Arg::{Long, Short, Value};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// Les options lues ; la dernière occurrence d'une option l'emporte.
#[derive(Default)]
struct Options {
    db: Option<PathBuf>,
    sortie: Option<PathBuf>,
    vers: Option<PathBuf>,
    depuis: Option<PathBuf>,
    annee: Option<String>,
    academie: Option<String>,
    format: Option<String>,
    jusqu_au: Option<String>,
    convention: Option<String>,
    reunion: Option<String>,
    comite: Option<String>,
    organisation: Option<String>,
    annee_scolaire: Option<String>,
    perimetre: Option<String>,
    nom: Option<String>,
    /// `--annee-scolaire` sans valeur : période scolaire du bilan IPE.
    scolaire: bool,
    essai: bool,
    version: bool,
    aide: bool,
}

/// Lit les arguments (sans le nom du programme). Une erreur est un message d'usage (code 2).
pub fn analyser<A: AsRef<OsStr>>(args: &[A]) -> Result<Demande, String> {
    let (options, bruts) = lire_arguments(args)?;
    if options.version {
        return Ok(Demande::Version);
    }
    if options.aide {
        return Ok(Demande::Aide);
    }
    // Seuls les fichiers d'un import peuvent ne pas être en UTF-8 : un nom de fichier est fait
    // d'octets.
    let mots: Vec<String> = bruts.iter().map(|m| m.to_string_lossy().into()).collect();
    let mots: Vec<&str> = mots.iter().map(String::as_str).collect();
    let sont_des_paquets = !mots.is_empty() && mots.iter().all(|m| est_un_paquet(m));
    let fichiers = match mots.as_slice() {
        ["import", _, _] => 2..3,
        ["paquet", "importer", ..] => 2..mots.len(),
        _ if sont_des_paquets => 0..mots.len(),
        _ => 0..0,
    };
    if let Some((_, m)) = bruts
        .iter()
        .enumerate()
        .find(|(i, m)| m.to_str().is_none() && !fichiers.contains(i))
    {
        return Err(pas_en_utf8(m));
    }
    if sont_des_paquets {
        let paquets = bruts.iter().map(PathBuf::from).collect();
        return Ok(Demande::Fenetre {
            db: options.db,
            paquets,
        });
    }
    if mots.starts_with(&["paquet", "importer"]) {
        let fichiers = bruts[fichiers].iter().map(PathBuf::from).collect();
        return super::consolidation::importer(fichiers, options.db, options.essai);
    }
    let fichier = (!fichiers.is_empty()).then(|| PathBuf::from(&bruts[fichiers.start]));
    demande(&mots, fichier, options)
}

/// Sépare les options des mots (commande, sous-commande, fichier).
fn lire_arguments<A: AsRef<OsStr>>(args: &[A]) -> Result<(Options, Vec<OsString>), String> {
    let mut p = lexopt::Parser::from_args(args.iter().map(|a| a.as_ref().to_os_string()));
    let mut o = Options::default();
    let mut mots: Vec<OsString> = Vec::new();
    while let Some(arg) = p.next().map_err(message_lexopt)? {
        match arg {
            Value(v) => mots.push(v),
            Long("essai") => o.essai = true,
            Long("version") | Short('V') => o.version = true,
            Long("help") | Short('h') => o.aide = true,
            // Le bilan IPE prend « --annee-scolaire » comme drapeau (période scolaire de
            // --annee) ; les bilans CLEE et CET y lisent l'année scolaire elle-même.
            Long("annee-scolaire") if mots.len() >= 2 && mots[0] == "bilan" && mots[1] == "ipe" => {
                o.scolaire = true
            }
            Long("db") => o.db = Some(valeur(&mut p, "--db")?.into()),
            Long("sortie") => o.sortie = Some(valeur(&mut p, "--sortie")?.into()),
            Long("vers") => o.vers = Some(valeur(&mut p, "--vers")?.into()),
            Long("depuis") => o.depuis = Some(valeur(&mut p, "--depuis")?.into()),
            Long(nom) => {
                let nom = format!("--{nom}");
                let place = match nom.as_str() {
                    "--annee" => &mut o.annee,
                    "--academie" => &mut o.academie,
                    "--format" => &mut o.format,
                    "--jusqu-au" => &mut o.jusqu_au,
                    "--convention" => &mut o.convention,
                    "--reunion" => &mut o.reunion,
                    "--comite" => &mut o.comite,
                    "--organisation" => &mut o.organisation,
                    "--annee-scolaire" => &mut o.annee_scolaire,
                    "--perimetre" => &mut o.perimetre,
                    "--nom" => &mut o.nom,
                    _ => return Err(format!("Option inconnue : « {nom} ».")),
                };
                let v = valeur(&mut p, &nom)?;
                *place = Some(v.into_string().map_err(|v| pas_en_utf8(&v))?);
            }
            Short(c) => return Err(format!("Option inconnue : « -{c} ».")),
        }
    }
    Ok((o, mots))
}

/// Un fichier `.passerelle` passé seul (ouvert depuis le gestionnaire de fichiers).
fn est_un_paquet(mot: &str) -> bool {
    mot.to_lowercase().ends_with(".passerelle")
}

/// La valeur d'une option, jamais vide.
fn valeur(p: &mut lexopt::Parser, nom: &str) -> Result<OsString, String> {
    let v = p.value().map_err(message_lexopt)?;
    if v.is_empty() {
        return Err(format!("L'option {nom} attend une valeur."));
    }
    Ok(v)
}

fn pas_en_utf8(argument: &OsStr) -> String {
    format!(
        "L'argument « {} » n'est pas écrit en UTF-8.",
        argument.to_string_lossy()
    )
}

fn message_lexopt(e: lexopt::Error) -> String {
    match e {
        lexopt::Error::MissingValue { option: Some(nom) } => {
            format!("L'option {nom} attend une valeur.")
        }
        lexopt::Error::UnexpectedValue { option, .. } => {
            format!("L'option {option} ne prend pas de valeur.")
        }
        lexopt::Error::NonUnicodeValue(v) | lexopt::Error::UnexpectedArgument(v) => pas_en_utf8(&v),
        lexopt::Error::UnexpectedOption(nom) => format!("Option inconnue : « {nom} »."),
        _ => "Arguments illisibles.".into(),
    }
}

/// « Usage : passerelle … », pour une commande incomplète.
fn usage(commande: &str) -> Result<Demande, String> {
    Err(format!("Usage : passerelle {commande}"))
}

/// La demande que forment les mots ; `fichier` est celui d'un import.
fn demande(mots: &[&str], fichier: Option<PathBuf>, o: Options) -> Result<Demande, String> {
    let db = o.db.clone();
    Ok(match mots {
        [] => Demande::Fenetre {
            db,
            paquets: Vec::new(),
        },
        ["aide"] => Demande::Aide,
        ["demo"] => Demande::Demo { db },
        ["nouvelle"] => Demande::Nouvelle { db },
        ["verifier"] => Demande::Verifier { db },
        ["sauvegarder"] => Demande::Sauvegarder { db, vers: o.vers },
        ["sauvegardes"] => Demande::Sauvegardes { db, vers: o.vers },
        ["restaurer"] => match o.depuis {
            Some(depuis) => Demande::Restaurer { db, depuis },
            None => return usage("restaurer --db FICHIER --depuis SAUVEGARDE"),
        },
        ["import", quoi, _] => import(quoi, fichier.unwrap_or_default(), o)?,
        ["import", ..] => {
            return usage("import ipe|actions-ipe|cet|annuaire-education FICHIER [--essai]")
        }
        ["export", "cet"] => export_cet(o)?,
        ["export", ..] => return usage("export cet --format csv|xlsx --sortie FICHIER"),
        ["cet", "retour-organisations"] => retour_organisations(o)?,
        ["cet", ..] => {
            return usage("cet retour-organisations [--organisation ID] --sortie FICHIER")
        }
        ["bilan", "ipe"] => bilan_ipe(o)?,
        ["bilan", "convention"] => bilan_convention(o)?,
        ["bilan", "cet"] => Demande::BilanCet {
            db,
            annee: annee_scolaire(&o)?,
            academie: o.academie.clone(),
            sortie: sortie(&o)?,
        },
        ["bilan", "clee"] => bilan_clee(o)?,
        ["bilan", ..] => return usage("bilan ipe|convention|clee … --sortie FICHIER"),
        ["echeances"] => echeances(o)?,
        ["identite"] => Demande::Identite {
            db,
            nom: o.nom,
            academie: o.academie,
        },
        ["sources"] => Demande::Sources { db },
        ["paquet", "exporter"] => paquet_exporter(o)?,
        ["paquet", ..] => return usage("paquet exporter|importer … (voir passerelle aide)"),
        ["historique"] => historique(o)?,
        ["suivi", "preparer"] => suivi_preparer(o)?,
        ["suivi", "releve"] => document_reunion("releve", o)?,
        ["clee", quoi @ ("compte-rendu" | "convocation" | "emargement" | "invitation")] => {
            document_reunion(quoi, o)?
        }
        ["clee", ..] => {
            return usage(
                "clee compte-rendu|convocation|emargement|invitation --reunion ID --sortie FICHIER",
            )
        }
        ["suivi", ..] => {
            return usage("suivi preparer --convention ID --reunion JJ/MM/AAAA --sortie F.pdf")
        }
        [commande, ..]
            if ![
                "demo",
                "nouvelle",
                "verifier",
                "aide",
                "echeances",
                "historique",
                "identite",
                "sources",
            ]
            .contains(commande) =>
        {
            return Err(format!("Commande inconnue : « {commande} »."))
        }
        _ => return Err("Trop d'arguments.".to_string()),
    })
}

/// `paquet exporter` : périmètre, période (année civile ou scolaire), portée, sortie.
fn paquet_exporter(o: Options) -> Result<Demande, String> {
    use crate::consolidation::{DemandeExport, Perimetre};
    use crate::vocabulaire::Code;
    let perimetre = o
        .perimetre
        .as_deref()
        .ok_or("Indiquez le périmètre : --perimetre ipe|clee|cet|conventions|tout.")?;
    let perimetre = Perimetre::depuis_code(perimetre).ok_or_else(|| {
        format!("Périmètre inconnu : « {perimetre} » (ipe, clee, cet, conventions ou tout).")
    })?;
    let periode = match (&o.annee, &o.annee_scolaire) {
        (Some(a), None) => crate::dates::Periode::Civile(annee_civile(a)?),
        (None, Some(_)) => crate::dates::Periode::Scolaire(annee_scolaire(&o)?),
        _ => return Err(
            "Indiquez la période : --annee AAAA ou --annee-scolaire AAAA-AAAA (l'une des deux)."
                .into(),
        ),
    };
    Ok(Demande::PaquetExporter {
        sortie: sortie(&o)?,
        db: o.db,
        demande: DemandeExport {
            perimetre,
            periode,
            academie: o.academie.unwrap_or_default(),
        },
    })
}

fn import(quoi: &str, fichier: PathBuf, o: Options) -> Result<Demande, String> {
    let quoi = match quoi {
        "ipe" => Importable::Ipe,
        "actions-ipe" => Importable::ActionsIpe,
        "cet" => Importable::Cet,
        "annuaire-education" => Importable::AnnuaireEducation,
        autre => {
            return Err(format!(
                "Import inconnu : « {autre} » (ipe, actions-ipe, cet ou annuaire-education)."
            ))
        }
    };
    if o.academie.is_some() && quoi != Importable::AnnuaireEducation {
        return Err("L'option --academie ne s'emploie pas avec cet import.".into());
    }
    Ok(Demande::Import {
        db: o.db,
        quoi,
        fichier,
        essai: o.essai,
        academie: o.academie,
    })
}

fn export_cet(o: Options) -> Result<Demande, String> {
    let format = o.format.clone().unwrap_or_else(|| "csv".into());
    if format != "csv" && format != "xlsx" {
        return Err(format!("Format inconnu : « {format} » (csv ou xlsx)."));
    }
    Ok(Demande::ExportCet {
        sortie: sortie(&o)?,
        db: o.db,
        format,
    })
}

/// `--format pdf|csv` (pdf par défaut) : vrai pour csv.
fn format_csv(o: &Options) -> Result<bool, String> {
    match o.format.as_deref() {
        None | Some("pdf") => Ok(false),
        Some("csv") => Ok(true),
        Some(autre) => Err(format!("Format inconnu : « {autre} » (pdf ou csv).")),
    }
}

fn retour_organisations(o: Options) -> Result<Demande, String> {
    let organisation = numero(o.organisation.as_deref(), "L'organisation")?;
    Ok(Demande::RetourOrganisations {
        organisation,
        csv: format_csv(&o)?,
        sortie: sortie(&o)?,
        db: o.db,
    })
}

fn bilan_ipe(o: Options) -> Result<Demande, String> {
    let annee = annee_civile(
        o.annee
            .as_deref()
            .ok_or("Indiquez l'année : --annee AAAA.")?,
    )?;
    let csv = format_csv(&o)?;
    Ok(Demande::BilanIpe {
        sortie: sortie(&o)?,
        db: o.db,
        annee,
        academie: o.academie,
        scolaire: o.scolaire,
        csv,
    })
}

fn bilan_convention(o: Options) -> Result<Demande, String> {
    let convention = convention(&o)?;
    let annee = o
        .annee
        .as_deref()
        .and_then(|a| crate::dates::lire_annee(a).ok())
        .ok_or("Indiquez l'année sur quatre chiffres : --annee AAAA.")?;
    Ok(Demande::BilanConvention {
        sortie: sortie(&o)?,
        db: o.db,
        convention,
        annee,
    })
}

fn bilan_clee(o: Options) -> Result<Demande, String> {
    let annee = annee_scolaire(&o)?;
    let comite = numero(o.comite.as_deref(), "Le comité")?;
    Ok(Demande::BilanClee {
        sortie: sortie(&o)?,
        db: o.db,
        annee,
        comite,
        academie: o.academie,
    })
}

fn echeances(o: Options) -> Result<Demande, String> {
    let jusqu_au = o.jusqu_au.as_deref().map(crate::dates::lire).transpose()?;
    let format = match o.format.as_deref() {
        None | Some("texte") => FormatEcheances::Texte,
        Some("csv") => FormatEcheances::Csv,
        Some("ics") => FormatEcheances::Ics,
        Some(autre) => return Err(format!("Format inconnu : « {autre} » (texte, csv ou ics).")),
    };
    Ok(Demande::Echeances {
        db: o.db,
        jusqu_au,
        format,
    })
}

fn historique(o: Options) -> Result<Demande, String> {
    let depuis = match &o.depuis {
        Some(d) => {
            let texte = d.to_string_lossy().to_string();
            crate::dates::lire(&texte)?;
            Some(texte)
        }
        None => None,
    };
    let csv = match o.format.as_deref() {
        None | Some("texte") => false,
        Some("csv") => true,
        Some(autre) => return Err(format!("Format inconnu : « {autre} » (texte ou csv).")),
    };
    Ok(Demande::Historique {
        db: o.db,
        depuis,
        csv,
    })
}

fn suivi_preparer(o: Options) -> Result<Demande, String> {
    let convention = convention(&o)?;
    let reunion = crate::dates::lire(
        o.reunion
            .as_deref()
            .ok_or("Indiquez la date de la réunion : --reunion JJ/MM/AAAA.")?,
    )?;
    Ok(Demande::SuiviPreparer {
        sortie: sortie(&o)?,
        db: o.db,
        convention,
        reunion,
    })
}

fn document_reunion(quoi: &str, o: Options) -> Result<Demande, String> {
    let reunion = o
        .reunion
        .as_deref()
        .and_then(|r| r.parse().ok())
        .ok_or("Indiquez la réunion par son numéro : --reunion ID.")?;
    Ok(Demande::DocumentReunion {
        sortie: sortie(&o)?,
        db: o.db,
        reunion,
        quoi: quoi.to_string(),
    })
}

/// Un numéro facultatif ; sinon « Le comité « x » se désigne par son numéro. »
fn numero(valeur: Option<&str>, qui: &str) -> Result<Option<i64>, String> {
    valeur
        .map(|v| {
            v.parse()
                .map_err(|_| format!("{qui} « {v} » se désigne par son numéro."))
        })
        .transpose()
}

fn convention(o: &Options) -> Result<i64, String> {
    o.convention
        .as_deref()
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| "Indiquez la convention par son numéro : --convention ID.".to_string())
}

/// « --annee 2007 » : quatre chiffres, puis l'année bornée par `dates::lire_annee` (une année
/// hors limites le dit, au lieu de redemander quatre chiffres à qui les a donnés).
fn annee_civile(a: &str) -> Result<i32, String> {
    let a = a.trim();
    if a.len() != 4 || !a.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "L'année «\u{a0}{a}\u{a0}» doit s'écrire sur quatre chiffres, par exemple --annee 2007."
        ));
    }
    crate::dates::lire_annee(a)
}

/// « --annee-scolaire 2025-2026 ».
fn annee_scolaire(o: &Options) -> Result<i32, String> {
    crate::dates::lire_annee_scolaire(
        o.annee_scolaire
            .as_deref()
            .ok_or("Indiquez l'année scolaire : --annee-scolaire 2025-2026.")?,
    )
}

fn sortie(o: &Options) -> Result<PathBuf, String> {
    o.sortie
        .clone()
        .ok_or_else(|| "Indiquez le fichier à écrire : --sortie FICHIER.".to_string())
}
