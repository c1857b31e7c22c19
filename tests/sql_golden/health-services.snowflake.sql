SELECT
  *,
  CAST((
    CAST(0 AS BIGINT) + CASE WHEN "icp_c_health-sector" THEN 2 ELSE 0 END + CASE WHEN "icp_c_services" THEN 2 ELSE 0 END + CASE WHEN "icp_c_modern" THEN 1 ELSE 0 END
  ) * 100 AS DOUBLE) / CAST(5 AS DOUBLE) AS icp_score,
  CAST((
    CAST(0 AS BIGINT) + CASE WHEN NOT "icp_c_health-sector" IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT "icp_c_services" IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT "icp_c_modern" IS NULL THEN 1 ELSE 0 END
  ) AS DOUBLE) / CAST(5 AS DOUBLE) AS icp_coverage,
  CASE
    WHEN NOT "icp_c_health-sector"
    THEN 'required_failed'
    WHEN "icp_c_health-sector" IS NULL
    THEN 'insufficient_data'
    ELSE 'scored'
  END AS icp_status,
  'health-services' AS icp_profile,
  CASE
    WHEN CASE
      WHEN NOT "icp_c_health-sector"
      THEN 'required_failed'
      WHEN "icp_c_health-sector" IS NULL
      THEN 'insufficient_data'
      ELSE 'scored'
    END = 'scored'
    THEN CASE
      WHEN CAST((
        CAST(0 AS BIGINT) + CASE WHEN "icp_c_health-sector" THEN 2 ELSE 0 END + CASE WHEN "icp_c_services" THEN 2 ELSE 0 END + CASE WHEN "icp_c_modern" THEN 1 ELSE 0 END
      ) * 100 AS DOUBLE) / CAST(5 AS DOUBLE) >= CAST('80.0' AS DOUBLE)
      THEN 'A'
      WHEN CAST((
        CAST(0 AS BIGINT) + CASE WHEN "icp_c_health-sector" THEN 2 ELSE 0 END + CASE WHEN "icp_c_services" THEN 2 ELSE 0 END + CASE WHEN "icp_c_modern" THEN 1 ELSE 0 END
      ) * 100 AS DOUBLE) / CAST(5 AS DOUBLE) >= CAST('60.0' AS DOUBLE)
      THEN 'B'
      WHEN CAST((
        CAST(0 AS BIGINT) + CASE WHEN "icp_c_health-sector" THEN 2 ELSE 0 END + CASE WHEN "icp_c_services" THEN 2 ELSE 0 END + CASE WHEN "icp_c_modern" THEN 1 ELSE 0 END
      ) * 100 AS DOUBLE) / CAST(5 AS DOUBLE) >= CAST('40.0' AS DOUBLE)
      THEN 'C'
    END
  END AS icp_tier,
  '2026.11+f9c17385b79d' AS icp_spec_version
FROM (
  SELECT
    t.*,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_INSTR(CAST("t"."industry" AS VARCHAR), '^[\t\n\x0b\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\x0b\f\r\x1c\x1d\x1e\x1f                  　]$') > 0 THEN TRIM(CAST("t"."industry" AS VARCHAR), '\t\n\x0b\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST("t"."industry" AS VARCHAR) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) = 'health care' AS "icp_c_health-sector",
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_INSTR(CAST("t"."sub_industry" AS VARCHAR), '^[\t\n\x0b\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\x0b\f\r\x1c\x1d\x1e\x1f                  　]$') > 0 THEN TRIM(CAST("t"."sub_industry" AS VARCHAR), '\t\n\x0b\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST("t"."sub_industry" AS VARCHAR) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) IN ('health care services', 'managed health care', 'health care technology') AS "icp_c_services",
    (CASE WHEN LENGTH(CAST("t"."founded_year" AS VARCHAR)) <= 100 AND REGEXP_INSTR(CAST("t"."founded_year" AS VARCHAR), '^[0-9]+([.][0-9]+)?$') > 0 THEN CAST(CAST("t"."founded_year" AS VARCHAR) AS DOUBLE) WHEN LENGTH(CAST("t"."founded_year" AS VARCHAR)) <= 100 AND REGEXP_INSTR(CAST("t"."founded_year" AS VARCHAR), '^[ \t\n\r\x0b\f]*[-+]?[ \t\n\r\x0b\f]*[$€£¥]?[ \t\n\r\x0b\f]*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?[ \t\n\r\x0b\f]*[A-Za-z]*[ \t\n\r\x0b\f]*$') > 0 THEN CAST(CASE WHEN CHARINDEX('-', CAST("t"."founded_year" AS VARCHAR)) > 0 THEN '-' ELSE '' END || TRANSLATE(CAST("t"."founded_year" AS VARCHAR), ' \t\n\r\x0b\f+-$€£¥,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '') || 'e' || CASE LOWER(TRANSLATE(CAST("t"."founded_year" AS VARCHAR), ' \t\n\r\x0b\f+-$€£¥,.0123456789', '')) WHEN '' THEN '0' WHEN 'k' THEN '3' WHEN 'thousand' THEN '3' WHEN 'm' THEN '6' WHEN 'mm' THEN '6' WHEN 'mn' THEN '6' WHEN 'mio' THEN '6' WHEN 'million' THEN '6' WHEN 'millions' THEN '6' WHEN 'b' THEN '9' WHEN 'bn' THEN '9' WHEN 'billion' THEN '9' WHEN 'billions' THEN '9' WHEN 't' THEN '12' WHEN 'tn' THEN '12' WHEN 'trillion' THEN '12' END AS DOUBLE) END) >= CAST('1970.0' AS DOUBLE) AS "icp_c_modern"
  FROM "accounts" AS t
) AS r
