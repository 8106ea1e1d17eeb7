-- Journal des changements : chaque création, modification ou suppression d'une fiche, écrite
-- dans la même transaction par des déclencheurs que Passerelle pose à chaque connexion
-- (déclencheurs TEMP : générés depuis le schéma, voir journal/declencheurs.rs).
CREATE TABLE journal (
    id           INTEGER PRIMARY KEY,
    quand        TEXT NOT NULL,
    chemin       TEXT NOT NULL CHECK (chemin IN ('fenetre', 'ligne_de_commande', 'import', 'campagne',
                     'restauration', 'demonstration', 'journal')),
    operation    TEXT NOT NULL CHECK (operation IN ('creation', 'modification', 'suppression',
                     'restauration_base')),
    module       TEXT NOT NULL CHECK (module IN ('annuaire', 'conventions', 'reunions', 'clee', 'cet',
                     'ipe', 'parametres', 'base')),
    table_nom    TEXT NOT NULL,
    ligne        INTEGER NOT NULL,
    libelle      TEXT,
    parent_table TEXT,
    parent_ligne INTEGER,
    avant        TEXT,
    apres        TEXT
);
CREATE INDEX journal_fiche ON journal(table_nom, ligne);
CREATE INDEX journal_parent ON journal(parent_table, parent_ligne) WHERE parent_table IS NOT NULL;
CREATE INDEX journal_quand ON journal(quand);
