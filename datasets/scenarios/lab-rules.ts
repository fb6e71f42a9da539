// Ids of the lab's own Sigma rules (rules/lab/*.yml) that scenarios' answer keys refer to.
// tests/rules checks that every id here exists in rules/lab with the same file name.
export const LAB_RULES = {
  mail_macro_attachment: '09facb75-aae8-5d03-800d-423c5bed7b44',
  office_spawns_shell: '667d1126-b3dc-51fd-98ef-d89c8022e40d',
  powershell_download_cradle: '87253ee4-02d9-5cd6-8b2d-d33dd9186b5f',
  powershell_encoded_command: '8fc519d9-fef5-53c8-9910-b084409f1151',
  ps_script_web_download: '2eeafd50-4ed5-5dae-ae96-2d8f8449470e',
  proxy_powershell_useragent: '8d774379-5a3a-5c2e-8241-697e4f2fb6ab',
  lsass_access: 'b4efdb3a-bf50-5d5b-b56c-b0f0d131aa13',
  lsass_dump_tool: '29005184-18df-5730-bd61-a95d50cc32b5',
  psexec_service_install: '34ee76e3-dcb2-5d8a-b6fb-f738bb80bf8e',
  admin_share_executable_write: 'b2e97f4e-91b8-579b-b72b-85e2b41f4272',
  run_key_user_writable: '480b1679-2962-5ea0-9e21-5cee1b3b0e42',
  schtasks_create_suspicious: '3856751a-467f-56f0-a48b-2ca14565acba',
  shadow_copy_deletion: 'ac64c960-bad3-5fad-bf7e-f46e9f7f482b',
  ransom_note_created: 'acc688fb-3b63-5d2d-8ffd-805d851415c6',
  security_log_cleared: '2afd7e30-b45a-5154-b668-07e71d86085b',
  dns_long_subdomain: 'c585c116-da49-5b31-86d0-75bf992985f6',
  failed_logon_external: 'e79287cd-dd6d-554b-810d-65fee4ce987b',
  rdp_logon_external: 'ff9f8fdb-ff99-5f4c-bf8a-a25f803c38b2',
  user_account_created: '7ddef161-87a9-5436-80ee-513e1fdb6e71',
  admin_group_member_added: '286bf41a-fc97-5724-b846-1ce49d72b786',
  mail_personal_webmail_attachment: '4617e5ff-1c9d-5509-9a5f-0e3ee998ea31',
  proxy_upload_file_sharing: 'c9633559-27c2-5891-96ec-a3f4e7ebffcd',
} as const;

export type LabRuleName = keyof typeof LAB_RULES;
