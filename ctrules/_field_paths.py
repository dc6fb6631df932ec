"""Generated ``Literal`` field paths of common events and :class:`TypedField`, the type of ``ctrules.field``.

Written by ``scripts/gen_field_stubs.py`` from the record shapes (``ctrules/catalog/data/shapes.json.gz``):
do not edit, run ``make catalog``. Imported only under ``TYPE_CHECKING`` (``import ctrules`` never loads it).
124 events, 2377 distinct paths, 114 events with the typo trap (see the generator).
One module of many lines on purpose: one generated ``Literal`` per event, one path per line.
"""

# ruff: noqa: E501

from __future__ import annotations

import sys
from typing import Literal, Protocol, overload

if sys.version_info >= (3, 13):
    from warnings import deprecated
else:
    from typing_extensions import deprecated

__all__ = ["TypedField"]

_Envelope0 = Literal[
    'addendum',
    'addendum.originalEventID',
    'addendum.originalRequestID',
    'addendum.reason',
    'addendum.updatedFields',
    'apiVersion',
    'awsRegion',
    'edgeDeviceDetails',
    'errorCode',
    'errorMessage',
    'eventCategory',
    'eventID',
    'eventName',
    'eventSource',
    'eventTime',
    'eventType',
    'eventVersion',
    'managementEvent',
    'readOnly',
    'recipientAccountId',
    'requestID',
    'resources',
    'resources.ARN',
    'resources.accountId',
    'resources.arn',
    'resources.type',
    'sessionCredentialFromConsole',
    'sharedEventID',
    'sourceIPAddress',
    'tlsDetails',
    'tlsDetails.cipherSuite',
    'tlsDetails.clientProvidedHostHeader',
    'tlsDetails.tlsVersion',
    'userAgent',
    'userIdentity',
    'userIdentity.accessKeyId',
    'userIdentity.accountId',
    'userIdentity.arn',
    'userIdentity.credentialId',
    'userIdentity.identityProvider',
    'userIdentity.inScopeOf',
    'userIdentity.inScopeOf.credentialsIssuedTo',
    'userIdentity.inScopeOf.issuerType',
    'userIdentity.inScopeOf.sourceAccount',
    'userIdentity.inScopeOf.sourceArn',
    'userIdentity.invokedBy',
    'userIdentity.onBehalfOf',
    'userIdentity.onBehalfOf.identityStoreArn',
    'userIdentity.onBehalfOf.userId',
    'userIdentity.principalId',
    'userIdentity.sessionContext',
    'userIdentity.sessionContext.assumedRoot',
    'userIdentity.sessionContext.attributes',
    'userIdentity.sessionContext.attributes.creationDate',
    'userIdentity.sessionContext.attributes.mfaAuthenticated',
    'userIdentity.sessionContext.ec2IssuedInVPC',
    'userIdentity.sessionContext.ec2RoleDelivery',
    'userIdentity.sessionContext.sessionIssuer',
    'userIdentity.sessionContext.sessionIssuer.accountId',
    'userIdentity.sessionContext.sessionIssuer.arn',
    'userIdentity.sessionContext.sessionIssuer.principalId',
    'userIdentity.sessionContext.sessionIssuer.type',
    'userIdentity.sessionContext.sessionIssuer.userName',
    'userIdentity.sessionContext.sourceIdentity',
    'userIdentity.sessionContext.webIdFederationData',
    'userIdentity.sessionContext.webIdFederationData.attributes',
    'userIdentity.sessionContext.webIdFederationData.federatedProvider',
    'userIdentity.type',
    'userIdentity.userName',
    'vpcEndpointAccountId',
    'vpcEndpointId',
]

_Envelope1 = Literal[
    'addendum',
    'addendum.originalEventID',
    'addendum.originalRequestID',
    'addendum.reason',
    'addendum.updatedFields',
    'apiVersion',
    'awsRegion',
    'edgeDeviceDetails',
    'errorCode',
    'errorMessage',
    'eventCategory',
    'eventID',
    'eventName',
    'eventSource',
    'eventTime',
    'eventType',
    'eventVersion',
    'managementEvent',
    'readOnly',
    'recipientAccountId',
    'requestID',
    'resources',
    'resources.ARN',
    'resources.accountId',
    'resources.arn',
    'resources.type',
    'sessionCredentialFromConsole',
    'sharedEventID',
    'sourceIPAddress',
    'tlsDetails',
    'tlsDetails.cipherSuite',
    'tlsDetails.clientProvidedHostHeader',
    'tlsDetails.tlsVersion',
    'userAgent',
    'userIdentity',
    'userIdentity.accessKeyId',
    'userIdentity.accountId',
    'userIdentity.arn',
    'userIdentity.credentialId',
    'userIdentity.identityProvider',
    'userIdentity.inScopeOf',
    'userIdentity.invokedBy',
    'userIdentity.onBehalfOf',
    'userIdentity.principalId',
    'userIdentity.sessionContext',
    'userIdentity.type',
    'userIdentity.userName',
    'vpcEndpointAccountId',
    'vpcEndpointId',
]

_Envelope2 = Literal[
    'addendum',
    'addendum.originalEventID',
    'addendum.originalRequestID',
    'addendum.reason',
    'addendum.updatedFields',
    'apiVersion',
    'awsRegion',
    'edgeDeviceDetails',
    'errorCode',
    'errorMessage',
    'eventCategory',
    'eventID',
    'eventName',
    'eventSource',
    'eventTime',
    'eventType',
    'eventVersion',
    'managementEvent',
    'readOnly',
    'recipientAccountId',
    'requestID',
    'resources',
    'resources.ARN',
    'resources.accountId',
    'resources.arn',
    'resources.type',
    'sessionCredentialFromConsole',
    'sharedEventID',
    'sourceIPAddress',
    'tlsDetails',
    'tlsDetails.cipherSuite',
    'tlsDetails.clientProvidedHostHeader',
    'tlsDetails.tlsVersion',
    'userAgent',
    'userIdentity',
    'userIdentity.accessKeyId',
    'userIdentity.accountId',
    'userIdentity.arn',
    'userIdentity.credentialId',
    'userIdentity.identityProvider',
    'userIdentity.inScopeOf',
    'userIdentity.inScopeOf.credentialsIssuedTo',
    'userIdentity.inScopeOf.issuerType',
    'userIdentity.inScopeOf.sourceAccount',
    'userIdentity.inScopeOf.sourceArn',
    'userIdentity.invokedBy',
    'userIdentity.onBehalfOf',
    'userIdentity.onBehalfOf.identityStoreArn',
    'userIdentity.onBehalfOf.userId',
    'userIdentity.principalId',
    'userIdentity.sessionContext',
    'userIdentity.sessionContext.assumedRoot',
    'userIdentity.sessionContext.attributes',
    'userIdentity.sessionContext.ec2IssuedInVPC',
    'userIdentity.sessionContext.ec2RoleDelivery',
    'userIdentity.sessionContext.sessionIssuer',
    'userIdentity.sessionContext.sourceIdentity',
    'userIdentity.sessionContext.webIdFederationData',
    'userIdentity.type',
    'userIdentity.userName',
    'vpcEndpointAccountId',
    'vpcEndpointId',
]

_CreateAccountResult = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.createAccountStatus',
    'serviceEventDetails.createAccountStatus.accountId',
    'serviceEventDetails.createAccountStatus.accountName',
    'serviceEventDetails.createAccountStatus.completedTimestamp',
    'serviceEventDetails.createAccountStatus.failureReason',
    'serviceEventDetails.createAccountStatus.id',
    'serviceEventDetails.createAccountStatus.requestedTimestamp',
    'serviceEventDetails.createAccountStatus.state',
]

_CloseAccountResult = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.closeAccountStatus',
    'serviceEventDetails.closeAccountStatus.accountId',
    'serviceEventDetails.closeAccountStatus.completedTimestamp',
    'serviceEventDetails.closeAccountStatus.requestedTimestamp',
    'serviceEventDetails.closeAccountStatus.state',
]

_CreateManagedAccount = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.createManagedAccountStatus',
    'serviceEventDetails.createManagedAccountStatus.account',
    'serviceEventDetails.createManagedAccountStatus.account.accountId',
    'serviceEventDetails.createManagedAccountStatus.account.accountName',
    'serviceEventDetails.createManagedAccountStatus.completedTimestamp',
    'serviceEventDetails.createManagedAccountStatus.message',
    'serviceEventDetails.createManagedAccountStatus.organizationalUnit',
    'serviceEventDetails.createManagedAccountStatus.organizationalUnit.organizationalUnitId',
    'serviceEventDetails.createManagedAccountStatus.organizationalUnit.organizationalUnitName',
    'serviceEventDetails.createManagedAccountStatus.requestedTimestamp',
    'serviceEventDetails.createManagedAccountStatus.state',
]

_UpdateManagedAccount = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.updateManagedAccountStatus',
    'serviceEventDetails.updateManagedAccountStatus.account',
    'serviceEventDetails.updateManagedAccountStatus.account.accountId',
    'serviceEventDetails.updateManagedAccountStatus.account.accountName',
    'serviceEventDetails.updateManagedAccountStatus.completedTimestamp',
    'serviceEventDetails.updateManagedAccountStatus.message',
    'serviceEventDetails.updateManagedAccountStatus.organizationalUnit',
    'serviceEventDetails.updateManagedAccountStatus.organizationalUnit.organizationalUnitId',
    'serviceEventDetails.updateManagedAccountStatus.organizationalUnit.organizationalUnitName',
    'serviceEventDetails.updateManagedAccountStatus.requestedTimestamp',
    'serviceEventDetails.updateManagedAccountStatus.state',
]

_organizations_CreateAccount = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.iamUserAccessToBilling',
    'requestParameters.roleName',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'responseElements',
    'responseElements.createAccountStatus',
    'responseElements.createAccountStatus.accountId',
    'responseElements.createAccountStatus.completedTimestamp',
    'responseElements.createAccountStatus.failureReason',
    'responseElements.createAccountStatus.govCloudAccountId',
    'responseElements.createAccountStatus.id',
    'responseElements.createAccountStatus.requestedTimestamp',
    'responseElements.createAccountStatus.state',
]

_organizations_CloseAccount = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accountId',
    'responseElements',
]

_InviteAccountToOrganization = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'requestParameters.target',
    'requestParameters.target.type',
    'responseElements',
    'responseElements.handshake',
    'responseElements.handshake.action',
    'responseElements.handshake.arn',
    'responseElements.handshake.expirationTimestamp',
    'responseElements.handshake.id',
    'responseElements.handshake.parties',
    'responseElements.handshake.parties.type',
    'responseElements.handshake.requestedTimestamp',
    'responseElements.handshake.resources',
    'responseElements.handshake.resources.resources',
    'responseElements.handshake.resources.type',
    'responseElements.handshake.state',
]

_AcceptHandshake = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.handshakeId',
    'responseElements',
    'responseElements.handshake',
    'responseElements.handshake.action',
    'responseElements.handshake.arn',
    'responseElements.handshake.expirationTimestamp',
    'responseElements.handshake.id',
    'responseElements.handshake.parties',
    'responseElements.handshake.parties.type',
    'responseElements.handshake.requestedTimestamp',
    'responseElements.handshake.resources',
    'responseElements.handshake.resources.resources',
    'responseElements.handshake.resources.type',
    'responseElements.handshake.state',
]

_LeaveOrganization = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
]

_RemoveAccountFromOrganization = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accountId',
    'responseElements',
]

_MoveAccount = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accountId',
    'requestParameters.destinationParentId',
    'requestParameters.sourceParentId',
    'responseElements',
]

_CreateOrganizationalUnit = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.name',
    'requestParameters.parentId',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'responseElements',
    'responseElements.organizationalUnit',
    'responseElements.organizationalUnit.arn',
    'responseElements.organizationalUnit.id',
    'responseElements.organizationalUnit.name',
    'responseElements.organizationalUnit.path',
]

_DeleteOrganizationalUnit = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.organizationalUnitId',
    'responseElements',
]

_organizations_AttachPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyId',
    'requestParameters.targetId',
    'responseElements',
]

_organizations_DetachPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyId',
    'requestParameters.targetId',
    'responseElements',
]

_organizations_CreatePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.content',
    'requestParameters.description',
    'requestParameters.name',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'requestParameters.type',
    'responseElements',
    'responseElements.policy',
    'responseElements.policy.content',
    'responseElements.policy.policySummary',
    'responseElements.policy.policySummary.arn',
    'responseElements.policy.policySummary.awsManaged',
    'responseElements.policy.policySummary.description',
    'responseElements.policy.policySummary.id',
    'responseElements.policy.policySummary.name',
    'responseElements.policy.policySummary.type',
]

_organizations_UpdatePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.content',
    'requestParameters.description',
    'requestParameters.name',
    'requestParameters.policyId',
    'responseElements',
    'responseElements.policy',
    'responseElements.policy.content',
    'responseElements.policy.policySummary',
    'responseElements.policy.policySummary.arn',
    'responseElements.policy.policySummary.awsManaged',
    'responseElements.policy.policySummary.description',
    'responseElements.policy.policySummary.id',
    'responseElements.policy.policySummary.name',
    'responseElements.policy.policySummary.type',
]

_organizations_DeletePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyId',
    'responseElements',
]

_EnableAWSServiceAccess = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.servicePrincipal',
    'responseElements',
]

_DisableAWSServiceAccess = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.servicePrincipal',
    'responseElements',
]

_RegisterDelegatedAdministrator = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accountId',
    'requestParameters.servicePrincipal',
    'responseElements',
]

_DeregisterDelegatedAdministrator = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accountId',
    'requestParameters.servicePrincipal',
    'responseElements',
]

_EnableGuardrail = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.enableGuardrailStatus',
    'serviceEventDetails.enableGuardrailStatus.completedTimestamp',
    'serviceEventDetails.enableGuardrailStatus.guardrails',
    'serviceEventDetails.enableGuardrailStatus.guardrails.guardrailBehavior',
    'serviceEventDetails.enableGuardrailStatus.guardrails.guardrailId',
    'serviceEventDetails.enableGuardrailStatus.message',
    'serviceEventDetails.enableGuardrailStatus.organizationalUnits',
    'serviceEventDetails.enableGuardrailStatus.organizationalUnits.organizationalUnitId',
    'serviceEventDetails.enableGuardrailStatus.organizationalUnits.organizationalUnitName',
    'serviceEventDetails.enableGuardrailStatus.requestTimestamp',
    'serviceEventDetails.enableGuardrailStatus.state',
]

_DisableGuardrail = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.disableGuardrailStatus',
    'serviceEventDetails.disableGuardrailStatus.completedTimestamp',
    'serviceEventDetails.disableGuardrailStatus.guardrails',
    'serviceEventDetails.disableGuardrailStatus.guardrails.guardrailBehavior',
    'serviceEventDetails.disableGuardrailStatus.guardrails.guardrailId',
    'serviceEventDetails.disableGuardrailStatus.message',
    'serviceEventDetails.disableGuardrailStatus.organizationalUnits',
    'serviceEventDetails.disableGuardrailStatus.organizationalUnits.organizationalUnitId',
    'serviceEventDetails.disableGuardrailStatus.organizationalUnits.organizationalUnitName',
    'serviceEventDetails.disableGuardrailStatus.requestTimestamp',
    'serviceEventDetails.disableGuardrailStatus.state',
]

_SetupLandingZone = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.setupLandingZoneStatus',
    'serviceEventDetails.setupLandingZoneStatus.accounts',
    'serviceEventDetails.setupLandingZoneStatus.accounts.accountId',
    'serviceEventDetails.setupLandingZoneStatus.accounts.accountName',
    'serviceEventDetails.setupLandingZoneStatus.completedTimestamp',
    'serviceEventDetails.setupLandingZoneStatus.message',
    'serviceEventDetails.setupLandingZoneStatus.organizationalUnits',
    'serviceEventDetails.setupLandingZoneStatus.organizationalUnits.organizationalUnitId',
    'serviceEventDetails.setupLandingZoneStatus.organizationalUnits.organizationalUnitName',
    'serviceEventDetails.setupLandingZoneStatus.requestedTimestamp',
    'serviceEventDetails.setupLandingZoneStatus.rootOrganizationalId',
    'serviceEventDetails.setupLandingZoneStatus.state',
]

_UpdateLandingZone = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.landingZoneIdentifier',
    'requestParameters.manifest',
    'requestParameters.remediationTypes',
    'requestParameters.version',
    'responseElements',
    'responseElements.operationIdentifier',
    'serviceEventDetails',
    'serviceEventDetails.updateLandingZoneStatus',
    'serviceEventDetails.updateLandingZoneStatus.accounts',
    'serviceEventDetails.updateLandingZoneStatus.accounts.accountId',
    'serviceEventDetails.updateLandingZoneStatus.accounts.accountName',
    'serviceEventDetails.updateLandingZoneStatus.completedTimestamp',
    'serviceEventDetails.updateLandingZoneStatus.message',
    'serviceEventDetails.updateLandingZoneStatus.organizationalUnits',
    'serviceEventDetails.updateLandingZoneStatus.organizationalUnits.organizationalUnitId',
    'serviceEventDetails.updateLandingZoneStatus.organizationalUnits.organizationalUnitName',
    'serviceEventDetails.updateLandingZoneStatus.requestedTimestamp',
    'serviceEventDetails.updateLandingZoneStatus.rootOrganizationalId',
    'serviceEventDetails.updateLandingZoneStatus.state',
]

_RegisterOrganizationalUnit = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
]

_DeregisterOrganizationalUnit = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
    'serviceEventDetails',
    'serviceEventDetails.deregisterOrganizationalUnitStatus',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.completedTimestamp',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.message',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.organizationalUnit',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.organizationalUnit.organizationalUnitId',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.organizationalUnit.organizationalUnitName',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.requestedTimestamp',
    'serviceEventDetails.deregisterOrganizationalUnitStatus.state',
]

_ConsoleLogin = Literal[
    'additionalEventData',
    'additionalEventData.LoginTo',
    'additionalEventData.MFAIdentifier',
    'additionalEventData.MFAUsed',
    'additionalEventData.MobileVersion',
    'requestParameters',
    'responseElements',
    'responseElements.ConsoleLogin',
]

_CheckMfa = Literal[
    'additionalEventData',
    'additionalEventData.MfaType',
    'requestParameters',
    'responseElements',
    'responseElements.CheckMfa',
]

_SwitchRole = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
]

_ExitRole = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
]

_iam_CreateUser = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.path',
    'requestParameters.permissionsBoundary',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'requestParameters.userName',
    'responseElements',
    'responseElements.arn',
    'responseElements.createDate',
    'responseElements.passwordLastUsed',
    'responseElements.path',
    'responseElements.permissionsBoundary',
    'responseElements.permissionsBoundary.permissionsBoundaryArn',
    'responseElements.permissionsBoundary.permissionsBoundaryType',
    'responseElements.tags',
    'responseElements.tags.key',
    'responseElements.tags.value',
    'responseElements.user',
    'responseElements.user.arn',
    'responseElements.user.createDate',
    'responseElements.user.passwordLastUsed',
    'responseElements.user.path',
    'responseElements.user.permissionsBoundary',
    'responseElements.user.permissionsBoundary.permissionsBoundaryArn',
    'responseElements.user.permissionsBoundary.permissionsBoundaryType',
    'responseElements.user.tags',
    'responseElements.user.tags.key',
    'responseElements.user.tags.value',
    'responseElements.user.userId',
    'responseElements.user.userName',
    'responseElements.userId',
    'responseElements.userName',
]

_iam_DeleteUser = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.userName',
    'responseElements',
]

_CreateAccessKey = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.userName',
    'responseElements',
    'responseElements.accessKey',
    'responseElements.accessKey.accessKeyId',
    'responseElements.accessKey.createDate',
    'responseElements.accessKey.status',
    'responseElements.accessKey.userName',
    'responseElements.accessKeyId',
    'responseElements.createDate',
    'responseElements.status',
    'responseElements.userName',
]

_DeleteAccessKey = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accessKeyId',
    'requestParameters.userName',
    'responseElements',
]

_UpdateAccessKey = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.accessKeyId',
    'requestParameters.status',
    'requestParameters.userName',
    'responseElements',
]

_CreateLoginProfile = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.passwordResetRequired',
    'requestParameters.userName',
    'responseElements',
    'responseElements.createDate',
    'responseElements.loginProfile',
    'responseElements.loginProfile.createDate',
    'responseElements.loginProfile.passwordResetRequired',
    'responseElements.loginProfile.userName',
    'responseElements.passwordResetRequired',
    'responseElements.userName',
]

_UpdateLoginProfile = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.passwordResetRequired',
    'requestParameters.userName',
    'responseElements',
]

_DeleteLoginProfile = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.userName',
    'responseElements',
]

_AttachUserPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'requestParameters.userName',
    'responseElements',
]

_AttachRolePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'requestParameters.roleName',
    'responseElements',
]

_AttachGroupPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.groupName',
    'requestParameters.policyArn',
    'responseElements',
]

_DetachUserPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'requestParameters.userName',
    'responseElements',
]

_DetachRolePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'requestParameters.roleName',
    'responseElements',
]

_DetachGroupPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.groupName',
    'requestParameters.policyArn',
    'responseElements',
]

_PutUserPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyDocument',
    'requestParameters.policyName',
    'requestParameters.userName',
    'responseElements',
]

_PutRolePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyDocument',
    'requestParameters.policyName',
    'requestParameters.roleName',
    'responseElements',
]

_PutGroupPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.groupName',
    'requestParameters.policyDocument',
    'requestParameters.policyName',
    'responseElements',
]

_DeleteUserPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyName',
    'requestParameters.userName',
    'responseElements',
]

_DeleteRolePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyName',
    'requestParameters.roleName',
    'responseElements',
]

_DeleteGroupPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.groupName',
    'requestParameters.policyName',
    'responseElements',
]

_iam_CreatePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.description',
    'requestParameters.path',
    'requestParameters.policyDocument',
    'requestParameters.policyName',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'responseElements',
    'responseElements.arn',
    'responseElements.attachmentCount',
    'responseElements.createDate',
    'responseElements.defaultVersionId',
    'responseElements.description',
    'responseElements.isAttachable',
    'responseElements.path',
    'responseElements.permissionsBoundaryUsageCount',
    'responseElements.policy',
    'responseElements.policy.arn',
    'responseElements.policy.attachmentCount',
    'responseElements.policy.createDate',
    'responseElements.policy.defaultVersionId',
    'responseElements.policy.description',
    'responseElements.policy.isAttachable',
    'responseElements.policy.path',
    'responseElements.policy.permissionsBoundaryUsageCount',
    'responseElements.policy.policyId',
    'responseElements.policy.policyName',
    'responseElements.policy.tags',
    'responseElements.policy.tags.key',
    'responseElements.policy.tags.value',
    'responseElements.policy.updateDate',
    'responseElements.policyId',
    'responseElements.policyName',
    'responseElements.tags',
    'responseElements.tags.key',
    'responseElements.tags.value',
    'responseElements.updateDate',
]

_iam_DeletePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'responseElements',
]

_iam_CreatePolicyVersion = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'requestParameters.policyDocument',
    'requestParameters.setAsDefault',
    'responseElements',
    'responseElements.createDate',
    'responseElements.document',
    'responseElements.isDefaultVersion',
    'responseElements.policyVersion',
    'responseElements.policyVersion.createDate',
    'responseElements.policyVersion.document',
    'responseElements.policyVersion.isDefaultVersion',
    'responseElements.policyVersion.versionId',
    'responseElements.versionId',
]

_iam_SetDefaultPolicyVersion = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyArn',
    'requestParameters.versionId',
    'responseElements',
]

_CreateRole = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.assumeRolePolicyDocument',
    'requestParameters.description',
    'requestParameters.maxSessionDuration',
    'requestParameters.path',
    'requestParameters.permissionsBoundary',
    'requestParameters.roleName',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'responseElements',
    'responseElements.arn',
    'responseElements.assumeRolePolicyDocument',
    'responseElements.createDate',
    'responseElements.description',
    'responseElements.maxSessionDuration',
    'responseElements.path',
    'responseElements.permissionsBoundary',
    'responseElements.permissionsBoundary.permissionsBoundaryArn',
    'responseElements.permissionsBoundary.permissionsBoundaryType',
    'responseElements.role',
    'responseElements.role.arn',
    'responseElements.role.assumeRolePolicyDocument',
    'responseElements.role.createDate',
    'responseElements.role.description',
    'responseElements.role.maxSessionDuration',
    'responseElements.role.path',
    'responseElements.role.permissionsBoundary',
    'responseElements.role.permissionsBoundary.permissionsBoundaryArn',
    'responseElements.role.permissionsBoundary.permissionsBoundaryType',
    'responseElements.role.roleId',
    'responseElements.role.roleLastUsed',
    'responseElements.role.roleLastUsed.lastUsedDate',
    'responseElements.role.roleLastUsed.region',
    'responseElements.role.roleName',
    'responseElements.role.sourceRoleTemplate',
    'responseElements.role.sourceRoleTemplate.templateArn',
    'responseElements.role.sourceRoleTemplate.templateMinorVersion',
    'responseElements.role.tags',
    'responseElements.role.tags.key',
    'responseElements.role.tags.value',
    'responseElements.roleId',
    'responseElements.roleLastUsed',
    'responseElements.roleLastUsed.lastUsedDate',
    'responseElements.roleLastUsed.region',
    'responseElements.roleName',
    'responseElements.sourceRoleTemplate',
    'responseElements.sourceRoleTemplate.templateArn',
    'responseElements.sourceRoleTemplate.templateMinorVersion',
    'responseElements.tags',
    'responseElements.tags.key',
    'responseElements.tags.value',
]

_DeleteRole = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.roleName',
    'responseElements',
]

_UpdateAssumeRolePolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.policyDocument',
    'requestParameters.roleName',
    'responseElements',
]

_AddUserToGroup = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.groupName',
    'requestParameters.userName',
    'responseElements',
]

_CreateVirtualMFADevice = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.path',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'requestParameters.virtualMFADeviceName',
    'responseElements',
    'responseElements.enableDate',
    'responseElements.serialNumber',
    'responseElements.tags',
    'responseElements.tags.key',
    'responseElements.tags.value',
    'responseElements.user',
    'responseElements.user.arn',
    'responseElements.user.createDate',
    'responseElements.user.passwordLastUsed',
    'responseElements.user.path',
    'responseElements.user.permissionsBoundary',
    'responseElements.user.permissionsBoundary.permissionsBoundaryArn',
    'responseElements.user.permissionsBoundary.permissionsBoundaryType',
    'responseElements.user.tags',
    'responseElements.user.tags.key',
    'responseElements.user.tags.value',
    'responseElements.user.userId',
    'responseElements.user.userName',
    'responseElements.virtualMFADevice',
    'responseElements.virtualMFADevice.enableDate',
    'responseElements.virtualMFADevice.serialNumber',
    'responseElements.virtualMFADevice.tags',
    'responseElements.virtualMFADevice.tags.key',
    'responseElements.virtualMFADevice.tags.value',
    'responseElements.virtualMFADevice.user',
    'responseElements.virtualMFADevice.user.arn',
    'responseElements.virtualMFADevice.user.createDate',
    'responseElements.virtualMFADevice.user.passwordLastUsed',
    'responseElements.virtualMFADevice.user.path',
    'responseElements.virtualMFADevice.user.permissionsBoundary',
    'responseElements.virtualMFADevice.user.permissionsBoundary.permissionsBoundaryArn',
    'responseElements.virtualMFADevice.user.permissionsBoundary.permissionsBoundaryType',
    'responseElements.virtualMFADevice.user.tags',
    'responseElements.virtualMFADevice.user.tags.key',
    'responseElements.virtualMFADevice.user.tags.value',
    'responseElements.virtualMFADevice.user.userId',
    'responseElements.virtualMFADevice.user.userName',
]

_EnableMFADevice = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.authenticationCode1',
    'requestParameters.authenticationCode2',
    'requestParameters.serialNumber',
    'requestParameters.userName',
    'responseElements',
]

_DeactivateMFADevice = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.serialNumber',
    'requestParameters.userName',
    'responseElements',
]

_DeleteVirtualMFADevice = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.serialNumber',
    'responseElements',
]

_UpdateAccountPasswordPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.allowUsersToChangePassword',
    'requestParameters.hardExpiry',
    'requestParameters.maxPasswordAge',
    'requestParameters.minimumPasswordLength',
    'requestParameters.passwordReusePrevention',
    'requestParameters.requireLowercaseCharacters',
    'requestParameters.requireNumbers',
    'requestParameters.requireSymbols',
    'requestParameters.requireUppercaseCharacters',
    'responseElements',
]

_DeleteAccountPasswordPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
]

_CreateSAMLProvider = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.assertionEncryptionMode',
    'requestParameters.name',
    'requestParameters.sAMLMetadataDocument',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'responseElements',
    'responseElements.sAMLProviderArn',
    'responseElements.tags',
    'responseElements.tags.key',
    'responseElements.tags.value',
]

_CreateOpenIDConnectProvider = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.clientIDList',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'requestParameters.thumbprintList',
    'requestParameters.url',
    'responseElements',
    'responseElements.openIDConnectProviderArn',
    'responseElements.tags',
    'responseElements.tags.key',
    'responseElements.tags.value',
]

_AssumeRole = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.durationSeconds',
    'requestParameters.externalId',
    'requestParameters.minimumSessionTokenSize',
    'requestParameters.policy',
    'requestParameters.policyArns',
    'requestParameters.policyArns.arn',
    'requestParameters.providedContexts',
    'requestParameters.providedContexts.contextAssertion',
    'requestParameters.providedContexts.providerArn',
    'requestParameters.roleArn',
    'requestParameters.roleSessionName',
    'requestParameters.serialNumber',
    'requestParameters.sourceIdentity',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'requestParameters.tokenCode',
    'requestParameters.transitiveTagKeys',
    'responseElements',
    'responseElements.assumedRoleUser',
    'responseElements.assumedRoleUser.arn',
    'responseElements.assumedRoleUser.assumedRoleId',
    'responseElements.credentials',
    'responseElements.credentials.accessKeyId',
    'responseElements.credentials.expiration',
    'responseElements.credentials.sessionToken',
    'responseElements.packedPolicySize',
    'responseElements.sessionTokenSize',
    'responseElements.sessionTokenUtilization',
    'responseElements.sourceIdentity',
]

_AssumeRoleWithSAML = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.durationSeconds',
    'requestParameters.minimumSessionTokenSize',
    'requestParameters.policy',
    'requestParameters.policyArns',
    'requestParameters.policyArns.arn',
    'requestParameters.principalArn',
    'requestParameters.roleArn',
    'responseElements',
    'responseElements.assumedRoleUser',
    'responseElements.assumedRoleUser.arn',
    'responseElements.assumedRoleUser.assumedRoleId',
    'responseElements.audience',
    'responseElements.credentials',
    'responseElements.credentials.accessKeyId',
    'responseElements.credentials.expiration',
    'responseElements.credentials.sessionToken',
    'responseElements.issuer',
    'responseElements.nameQualifier',
    'responseElements.packedPolicySize',
    'responseElements.sessionTokenSize',
    'responseElements.sessionTokenUtilization',
    'responseElements.sourceIdentity',
    'responseElements.subject',
    'responseElements.subjectType',
]

_AssumeRoleWithWebIdentity = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.durationSeconds',
    'requestParameters.minimumSessionTokenSize',
    'requestParameters.policy',
    'requestParameters.policyArns',
    'requestParameters.policyArns.arn',
    'requestParameters.providerId',
    'requestParameters.roleArn',
    'requestParameters.roleSessionName',
    'responseElements',
    'responseElements.assumedRoleUser',
    'responseElements.assumedRoleUser.arn',
    'responseElements.assumedRoleUser.assumedRoleId',
    'responseElements.audience',
    'responseElements.credentials',
    'responseElements.credentials.accessKeyId',
    'responseElements.credentials.expiration',
    'responseElements.credentials.sessionToken',
    'responseElements.packedPolicySize',
    'responseElements.provider',
    'responseElements.sessionTokenSize',
    'responseElements.sessionTokenUtilization',
    'responseElements.sourceIdentity',
    'responseElements.subjectFromWebIdentityToken',
]

_GetSessionToken = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.durationSeconds',
    'requestParameters.minimumSessionTokenSize',
    'requestParameters.serialNumber',
    'requestParameters.tokenCode',
    'responseElements',
    'responseElements.credentials',
    'responseElements.credentials.accessKeyId',
    'responseElements.credentials.expiration',
    'responseElements.credentials.sessionToken',
    'responseElements.sessionTokenSize',
    'responseElements.sessionTokenUtilization',
]

_sts_GetFederationToken = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.durationSeconds',
    'requestParameters.minimumSessionTokenSize',
    'requestParameters.name',
    'requestParameters.policy',
    'requestParameters.policyArns',
    'requestParameters.policyArns.arn',
    'requestParameters.tags',
    'requestParameters.tags.key',
    'requestParameters.tags.value',
    'responseElements',
    'responseElements.credentials',
    'responseElements.credentials.accessKeyId',
    'responseElements.credentials.expiration',
    'responseElements.credentials.sessionToken',
    'responseElements.federatedUser',
    'responseElements.federatedUser.arn',
    'responseElements.federatedUser.federatedUserId',
    'responseElements.packedPolicySize',
    'responseElements.sessionTokenSize',
    'responseElements.sessionTokenUtilization',
]

_s3_CreateBucket = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.CreateBucketConfiguration',
    'requestParameters.CreateBucketConfiguration.Bucket',
    'requestParameters.CreateBucketConfiguration.Bucket.DataRedundancy',
    'requestParameters.CreateBucketConfiguration.Bucket.Type',
    'requestParameters.CreateBucketConfiguration.Location',
    'requestParameters.CreateBucketConfiguration.Location.Name',
    'requestParameters.CreateBucketConfiguration.Location.Type',
    'requestParameters.CreateBucketConfiguration.LocationConstraint',
    'requestParameters.CreateBucketConfiguration.Tags',
    'requestParameters.CreateBucketConfiguration.Tags.Tag',
    'requestParameters.CreateBucketConfiguration.Tags.Tag.Key',
    'requestParameters.CreateBucketConfiguration.Tags.Tag.Value',
    'requestParameters.CreateBucketConfiguration.xmlns',
    'requestParameters.Host',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.x-amz-acl',
    'requestParameters.x-amz-bucket-namespace',
    'requestParameters.x-amz-bucket-object-lock-enabled',
    'requestParameters.x-amz-grant-full-control',
    'requestParameters.x-amz-grant-read',
    'requestParameters.x-amz-grant-read-acp',
    'requestParameters.x-amz-grant-write',
    'requestParameters.x-amz-grant-write-acp',
    'requestParameters.x-amz-object-ownership',
    'requestParameters.x-amz-outpost-id',
    'responseElements',
    'responseElements.BucketArn',
    'responseElements.Location',
    'responseElements.x-amz-bucket-arn',
]

_s3_DeleteBucket = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Host',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.x-amz-account-id',
    'requestParameters.x-amz-expected-bucket-owner',
    'responseElements',
]

_PutBucketPolicy = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Content-MD5',
    'requestParameters.Host',
    'requestParameters.Policy',
    'requestParameters.bucketName',
    'requestParameters.bucketPolicy',
    'requestParameters.host',
    'requestParameters.policy',
    'requestParameters.x-amz-account-id',
    'requestParameters.x-amz-confirm-remove-self-bucket-access',
    'requestParameters.x-amz-expected-bucket-owner',
    'requestParameters.x-amz-sdk-checksum-algorithm',
    'responseElements',
]

_DeleteBucketPolicy = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Host',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.policy',
    'requestParameters.x-amz-account-id',
    'requestParameters.x-amz-expected-bucket-owner',
    'responseElements',
]

_PutBucketAcl = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.AccessControlPolicy',
    'requestParameters.AccessControlPolicy.AccessControlList',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee.DisplayName',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee.EmailAddress',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee.ID',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee.URI',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee.xsi:type',
    'requestParameters.AccessControlPolicy.AccessControlList.Grant.Permission',
    'requestParameters.AccessControlPolicy.Owner',
    'requestParameters.AccessControlPolicy.Owner.DisplayName',
    'requestParameters.AccessControlPolicy.Owner.ID',
    'requestParameters.AccessControlPolicy.xmlns',
    'requestParameters.Content-MD5',
    'requestParameters.Host',
    'requestParameters.acl',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.x-amz-acl',
    'requestParameters.x-amz-expected-bucket-owner',
    'requestParameters.x-amz-grant-full-control',
    'requestParameters.x-amz-grant-read',
    'requestParameters.x-amz-grant-read-acp',
    'requestParameters.x-amz-grant-write',
    'requestParameters.x-amz-grant-write-acp',
    'requestParameters.x-amz-sdk-checksum-algorithm',
    'responseElements',
]

_PutBucketPublicAccessBlock = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Content-MD5',
    'requestParameters.Host',
    'requestParameters.PublicAccessBlockConfiguration',
    'requestParameters.PublicAccessBlockConfiguration.BlockPublicAcls',
    'requestParameters.PublicAccessBlockConfiguration.BlockPublicPolicy',
    'requestParameters.PublicAccessBlockConfiguration.IgnorePublicAcls',
    'requestParameters.PublicAccessBlockConfiguration.RestrictPublicBuckets',
    'requestParameters.PublicAccessBlockConfiguration.xmlns',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.publicAccessBlock',
    'requestParameters.x-amz-expected-bucket-owner',
    'requestParameters.x-amz-sdk-checksum-algorithm',
    'responseElements',
]

_DeleteBucketPublicAccessBlock = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Host',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.publicAccessBlock',
    'requestParameters.x-amz-expected-bucket-owner',
    'responseElements',
]

_PutBucketEncryption = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Content-MD5',
    'requestParameters.Host',
    'requestParameters.ServerSideEncryptionConfiguration',
    'requestParameters.ServerSideEncryptionConfiguration.Rule',
    'requestParameters.ServerSideEncryptionConfiguration.Rule.ApplyServerSideEncryptionByDefault',
    'requestParameters.ServerSideEncryptionConfiguration.Rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm',
    'requestParameters.ServerSideEncryptionConfiguration.Rule.BlockedEncryptionTypes',
    'requestParameters.ServerSideEncryptionConfiguration.Rule.BlockedEncryptionTypes.EncryptionType',
    'requestParameters.ServerSideEncryptionConfiguration.Rule.BucketKeyEnabled',
    'requestParameters.ServerSideEncryptionConfiguration.xmlns',
    'requestParameters.bucketName',
    'requestParameters.encryption',
    'requestParameters.host',
    'requestParameters.x-amz-expected-bucket-owner',
    'requestParameters.x-amz-sdk-checksum-algorithm',
    'responseElements',
]

_DeleteBucketEncryption = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Host',
    'requestParameters.bucketName',
    'requestParameters.encryption',
    'requestParameters.host',
    'requestParameters.x-amz-expected-bucket-owner',
    'responseElements',
]

_PutBucketVersioning = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.Content-MD5',
    'requestParameters.Host',
    'requestParameters.VersioningConfiguration',
    'requestParameters.VersioningConfiguration.MfaDelete',
    'requestParameters.VersioningConfiguration.Status',
    'requestParameters.VersioningConfiguration.xmlns',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.versioning',
    'requestParameters.x-amz-account-id',
    'requestParameters.x-amz-expected-bucket-owner',
    'requestParameters.x-amz-mfa',
    'requestParameters.x-amz-sdk-checksum-algorithm',
    'responseElements',
]

_PutBucketLogging = Literal[
    'additionalEventData',
    'additionalEventData.AuthenticationMethod',
    'additionalEventData.CipherSuite',
    'additionalEventData.SSEApplied',
    'additionalEventData.SignatureVersion',
    'additionalEventData.aclRequired',
    'additionalEventData.bytesTransferredIn',
    'additionalEventData.bytesTransferredOut',
    'additionalEventData.vpcEndpointId',
    'additionalEventData.x-amz-id-2',
    'requestParameters',
    'requestParameters.BucketLoggingStatus',
    'requestParameters.BucketLoggingStatus.LoggingEnabled',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetBucket',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Grantee',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Grantee.DisplayName',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Grantee.EmailAddress',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Grantee.ID',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Grantee.URI',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Grantee.xsi:type',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetGrants.Grant.Permission',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetObjectKeyFormat',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetObjectKeyFormat.PartitionedPrefix',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetObjectKeyFormat.PartitionedPrefix.PartitionDateSource',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetObjectKeyFormat.SimplePrefix',
    'requestParameters.BucketLoggingStatus.LoggingEnabled.TargetPrefix',
    'requestParameters.BucketLoggingStatus.xmlns',
    'requestParameters.Content-MD5',
    'requestParameters.Host',
    'requestParameters.bucketName',
    'requestParameters.host',
    'requestParameters.logging',
    'requestParameters.x-amz-expected-bucket-owner',
    'requestParameters.x-amz-sdk-checksum-algorithm',
    'responseElements',
]

_RunInstances = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.RunInstancesRequest',
    'requestParameters.additionalInfo',
    'requestParameters.availabilityZone',
    'requestParameters.blockDeviceMapping',
    'requestParameters.blockDeviceMappingSet',
    'requestParameters.blockDeviceMappings',
    'requestParameters.blockDeviceMappingsSet',
    'requestParameters.capacityReservationSpecification',
    'requestParameters.clientToken',
    'requestParameters.cpuOptions',
    'requestParameters.creditSpecification',
    'requestParameters.disableApiStop',
    'requestParameters.disableApiTermination',
    'requestParameters.dryRun',
    'requestParameters.ebsOptimized',
    'requestParameters.elasticGpuSpecification',
    'requestParameters.elasticGpuSpecificationSet',
    'requestParameters.elasticGpuSpecifications',
    'requestParameters.elasticGpuSpecificationsSet',
    'requestParameters.elasticInferenceAccelerator',
    'requestParameters.elasticInferenceAcceleratorSet',
    'requestParameters.elasticInferenceAccelerators',
    'requestParameters.elasticInferenceAcceleratorsSet',
    'requestParameters.enablePrimaryIpv6',
    'requestParameters.enclaveOptions',
    'requestParameters.groupSet',
    'requestParameters.hibernationOptions',
    'requestParameters.iamInstanceProfile',
    'requestParameters.imageId',
    'requestParameters.instanceInitiatedShutdownBehavior',
    'requestParameters.instanceMarketOptions',
    'requestParameters.instanceType',
    'requestParameters.instancesSet',
    'requestParameters.ipv6AddresSet',
    'requestParameters.ipv6Address',
    'requestParameters.ipv6AddressCount',
    'requestParameters.ipv6AddressSet',
    'requestParameters.ipv6Addresss',
    'requestParameters.ipv6AddresssSet',
    'requestParameters.kernelId',
    'requestParameters.keyName',
    'requestParameters.launchTemplate',
    'requestParameters.licenseSpecification',
    'requestParameters.licenseSpecificationSet',
    'requestParameters.licenseSpecifications',
    'requestParameters.licenseSpecificationsSet',
    'requestParameters.maintenanceOptions',
    'requestParameters.maxCount',
    'requestParameters.metadataOptions',
    'requestParameters.minCount',
    'requestParameters.monitoring',
    'requestParameters.networkInterface',
    'requestParameters.networkInterfaceSet',
    'requestParameters.networkInterfaces',
    'requestParameters.networkInterfacesSet',
    'requestParameters.networkPerformanceOptions',
    'requestParameters.operator',
    'requestParameters.placement',
    'requestParameters.privateDnsNameOptions',
    'requestParameters.privateIpAddress',
    'requestParameters.ramdiskId',
    'requestParameters.secondaryInterface',
    'requestParameters.secondaryInterfaceSet',
    'requestParameters.secondaryInterfaces',
    'requestParameters.secondaryInterfacesSet',
    'requestParameters.securityGroup',
    'requestParameters.securityGroupId',
    'requestParameters.securityGroupIdSet',
    'requestParameters.securityGroupIds',
    'requestParameters.securityGroupIdsSet',
    'requestParameters.securityGroupSet',
    'requestParameters.securityGroups',
    'requestParameters.securityGroupsSet',
    'requestParameters.subnetId',
    'requestParameters.tagSpecification',
    'requestParameters.tagSpecificationSet',
    'requestParameters.tagSpecifications',
    'requestParameters.tagSpecificationsSet',
    'responseElements',
    'responseElements.RunInstancesResponse',
    'responseElements._return',
    'responseElements.groupSet',
    'responseElements.groupSetSet',
    'responseElements.groupSets',
    'responseElements.groupSetsSet',
    'responseElements.instancesSet',
    'responseElements.instancesSetSet',
    'responseElements.instancesSets',
    'responseElements.instancesSetsSet',
    'responseElements.ownerId',
    'responseElements.requestID',
    'responseElements.requestId',
    'responseElements.requesterId',
    'responseElements.reservationId',
]

_TerminateInstances = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.TerminateInstancesRequest',
    'requestParameters.TerminateInstancesRequest.Force',
    'requestParameters.TerminateInstancesRequest.InstanceId',
    'requestParameters.TerminateInstancesRequest.SkipOsShutdown',
    'requestParameters.TerminateInstancesRequest.dryRun',
    'requestParameters.dryRun',
    'requestParameters.force',
    'requestParameters.instanceId',
    'requestParameters.instanceId.instanceId',
    'requestParameters.instanceId.item',
    'requestParameters.instanceId.items',
    'requestParameters.instanceId.value',
    'requestParameters.instanceIdSet',
    'requestParameters.instanceIdSet.instanceId',
    'requestParameters.instanceIdSet.item',
    'requestParameters.instanceIdSet.items',
    'requestParameters.instanceIdSet.value',
    'requestParameters.instanceIds',
    'requestParameters.instanceIds.instanceId',
    'requestParameters.instanceIds.item',
    'requestParameters.instanceIds.items',
    'requestParameters.instanceIds.value',
    'requestParameters.instanceIdsSet',
    'requestParameters.instanceIdsSet.instanceId',
    'requestParameters.instanceIdsSet.item',
    'requestParameters.instanceIdsSet.items',
    'requestParameters.instanceIdsSet.value',
    'requestParameters.instanceSet',
    'requestParameters.instanceSet.instanceId',
    'requestParameters.instanceSet.item',
    'requestParameters.instanceSet.items',
    'requestParameters.instanceSet.value',
    'requestParameters.instancesSet',
    'requestParameters.instancesSet.instanceId',
    'requestParameters.instancesSet.item',
    'requestParameters.instancesSet.items',
    'requestParameters.instancesSet.value',
    'requestParameters.skipOsShutdown',
    'responseElements',
    'responseElements.TerminateInstancesResponse',
    'responseElements.TerminateInstancesResponse._return',
    'responseElements.TerminateInstancesResponse.instancesSet',
    'responseElements.TerminateInstancesResponse.instancesSetSet',
    'responseElements.TerminateInstancesResponse.instancesSets',
    'responseElements.TerminateInstancesResponse.instancesSetsSet',
    'responseElements.TerminateInstancesResponse.requestID',
    'responseElements.TerminateInstancesResponse.requestId',
    'responseElements.TerminateInstancesResponse.xmlns',
    'responseElements._return',
    'responseElements.instancesSet',
    'responseElements.instancesSet.currentState',
    'responseElements.instancesSet.instanceId',
    'responseElements.instancesSet.item',
    'responseElements.instancesSet.items',
    'responseElements.instancesSet.previousState',
    'responseElements.instancesSetSet',
    'responseElements.instancesSetSet.currentState',
    'responseElements.instancesSetSet.instanceId',
    'responseElements.instancesSetSet.item',
    'responseElements.instancesSetSet.items',
    'responseElements.instancesSetSet.previousState',
    'responseElements.instancesSets',
    'responseElements.instancesSets.currentState',
    'responseElements.instancesSets.instanceId',
    'responseElements.instancesSets.item',
    'responseElements.instancesSets.items',
    'responseElements.instancesSets.previousState',
    'responseElements.instancesSetsSet',
    'responseElements.instancesSetsSet.currentState',
    'responseElements.instancesSetsSet.instanceId',
    'responseElements.instancesSetsSet.item',
    'responseElements.instancesSetsSet.items',
    'responseElements.instancesSetsSet.previousState',
    'responseElements.requestID',
    'responseElements.requestId',
]

_StopInstances = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.StopInstancesRequest',
    'requestParameters.StopInstancesRequest.Hibernate',
    'requestParameters.StopInstancesRequest.InstanceId',
    'requestParameters.StopInstancesRequest.SkipOsShutdown',
    'requestParameters.StopInstancesRequest.dryRun',
    'requestParameters.StopInstancesRequest.force',
    'requestParameters.dryRun',
    'requestParameters.force',
    'requestParameters.hibernate',
    'requestParameters.instanceId',
    'requestParameters.instanceId.instanceId',
    'requestParameters.instanceId.item',
    'requestParameters.instanceId.items',
    'requestParameters.instanceId.value',
    'requestParameters.instanceIdSet',
    'requestParameters.instanceIdSet.instanceId',
    'requestParameters.instanceIdSet.item',
    'requestParameters.instanceIdSet.items',
    'requestParameters.instanceIdSet.value',
    'requestParameters.instanceIds',
    'requestParameters.instanceIds.instanceId',
    'requestParameters.instanceIds.item',
    'requestParameters.instanceIds.items',
    'requestParameters.instanceIds.value',
    'requestParameters.instanceIdsSet',
    'requestParameters.instanceIdsSet.instanceId',
    'requestParameters.instanceIdsSet.item',
    'requestParameters.instanceIdsSet.items',
    'requestParameters.instanceIdsSet.value',
    'requestParameters.instanceSet',
    'requestParameters.instanceSet.instanceId',
    'requestParameters.instanceSet.item',
    'requestParameters.instanceSet.items',
    'requestParameters.instanceSet.value',
    'requestParameters.instancesSet',
    'requestParameters.instancesSet.instanceId',
    'requestParameters.instancesSet.item',
    'requestParameters.instancesSet.items',
    'requestParameters.instancesSet.value',
    'requestParameters.skipOsShutdown',
    'responseElements',
    'responseElements.StopInstancesResponse',
    'responseElements.StopInstancesResponse._return',
    'responseElements.StopInstancesResponse.instancesSet',
    'responseElements.StopInstancesResponse.instancesSetSet',
    'responseElements.StopInstancesResponse.instancesSets',
    'responseElements.StopInstancesResponse.instancesSetsSet',
    'responseElements.StopInstancesResponse.requestID',
    'responseElements.StopInstancesResponse.requestId',
    'responseElements.StopInstancesResponse.xmlns',
    'responseElements._return',
    'responseElements.instancesSet',
    'responseElements.instancesSet.currentState',
    'responseElements.instancesSet.instanceId',
    'responseElements.instancesSet.item',
    'responseElements.instancesSet.items',
    'responseElements.instancesSet.previousState',
    'responseElements.instancesSetSet',
    'responseElements.instancesSetSet.currentState',
    'responseElements.instancesSetSet.instanceId',
    'responseElements.instancesSetSet.item',
    'responseElements.instancesSetSet.items',
    'responseElements.instancesSetSet.previousState',
    'responseElements.instancesSets',
    'responseElements.instancesSets.currentState',
    'responseElements.instancesSets.instanceId',
    'responseElements.instancesSets.item',
    'responseElements.instancesSets.items',
    'responseElements.instancesSets.previousState',
    'responseElements.instancesSetsSet',
    'responseElements.instancesSetsSet.currentState',
    'responseElements.instancesSetsSet.instanceId',
    'responseElements.instancesSetsSet.item',
    'responseElements.instancesSetsSet.items',
    'responseElements.instancesSetsSet.previousState',
    'responseElements.requestID',
    'responseElements.requestId',
]

_AuthorizeSecurityGroupIngress = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.AuthorizeSecurityGroupIngressRequest',
    'requestParameters.cidrIp',
    'requestParameters.dryRun',
    'requestParameters.fromPort',
    'requestParameters.groupId',
    'requestParameters.groupName',
    'requestParameters.ipPermissionSet',
    'requestParameters.ipPermissions',
    'requestParameters.ipPermissionsSet',
    'requestParameters.ipPermissionss',
    'requestParameters.ipPermissionssSet',
    'requestParameters.ipProtocol',
    'requestParameters.sourceSecurityGroupName',
    'requestParameters.sourceSecurityGroupOwnerId',
    'requestParameters.tagSpecification',
    'requestParameters.tagSpecificationSet',
    'requestParameters.tagSpecifications',
    'requestParameters.tagSpecificationsSet',
    'requestParameters.toPort',
    'responseElements',
    'responseElements.AuthorizeSecurityGroupIngressResponse',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
    'responseElements.securityGroupRuleSet',
    'responseElements.securityGroupRuleSetSet',
    'responseElements.securityGroupRuleSets',
    'responseElements.securityGroupRuleSetsSet',
]

_AuthorizeSecurityGroupEgress = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.AuthorizeSecurityGroupEgressRequest',
    'requestParameters.cidrIp',
    'requestParameters.dryRun',
    'requestParameters.fromPort',
    'requestParameters.groupId',
    'requestParameters.ipPermissionSet',
    'requestParameters.ipPermissions',
    'requestParameters.ipPermissionsSet',
    'requestParameters.ipPermissionss',
    'requestParameters.ipPermissionssSet',
    'requestParameters.ipProtocol',
    'requestParameters.sourceSecurityGroupName',
    'requestParameters.sourceSecurityGroupOwnerId',
    'requestParameters.tagSpecification',
    'requestParameters.tagSpecificationSet',
    'requestParameters.tagSpecifications',
    'requestParameters.tagSpecificationsSet',
    'requestParameters.toPort',
    'responseElements',
    'responseElements.AuthorizeSecurityGroupEgressResponse',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
    'responseElements.securityGroupRuleSet',
    'responseElements.securityGroupRuleSetSet',
    'responseElements.securityGroupRuleSets',
    'responseElements.securityGroupRuleSetsSet',
]

_RevokeSecurityGroupIngress = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.RevokeSecurityGroupIngressRequest',
    'requestParameters.cidrIp',
    'requestParameters.dryRun',
    'requestParameters.fromPort',
    'requestParameters.groupId',
    'requestParameters.groupName',
    'requestParameters.ipPermissionSet',
    'requestParameters.ipPermissions',
    'requestParameters.ipPermissionsSet',
    'requestParameters.ipPermissionss',
    'requestParameters.ipPermissionssSet',
    'requestParameters.ipProtocol',
    'requestParameters.securityGroupRuleId',
    'requestParameters.securityGroupRuleIdSet',
    'requestParameters.securityGroupRuleIds',
    'requestParameters.securityGroupRuleIdsSet',
    'requestParameters.securityGroupRuleSet',
    'requestParameters.securityGroupRulesSet',
    'requestParameters.sourceSecurityGroupName',
    'requestParameters.sourceSecurityGroupOwnerId',
    'requestParameters.toPort',
    'responseElements',
    'responseElements.RevokeSecurityGroupIngressResponse',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
    'responseElements.revokedSecurityGroupRuleSet',
    'responseElements.revokedSecurityGroupRuleSetSet',
    'responseElements.revokedSecurityGroupRuleSets',
    'responseElements.revokedSecurityGroupRuleSetsSet',
    'responseElements.unknownIpPermissionSet',
    'responseElements.unknownIpPermissionSetSet',
    'responseElements.unknownIpPermissionSets',
    'responseElements.unknownIpPermissionSetsSet',
]

_ec2_CreateSecurityGroup = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.CreateSecurityGroupRequest',
    'requestParameters.CreateSecurityGroupRequest.GroupDescription',
    'requestParameters.CreateSecurityGroupRequest.GroupName',
    'requestParameters.CreateSecurityGroupRequest.TagSpecification',
    'requestParameters.CreateSecurityGroupRequest.VpcId',
    'requestParameters.CreateSecurityGroupRequest.dryRun',
    'requestParameters.dryRun',
    'requestParameters.groupDescription',
    'requestParameters.groupName',
    'requestParameters.tagSpecification',
    'requestParameters.tagSpecification.item',
    'requestParameters.tagSpecification.items',
    'requestParameters.tagSpecification.resourceType',
    'requestParameters.tagSpecification.tag',
    'requestParameters.tagSpecification.tagSet',
    'requestParameters.tagSpecification.tags',
    'requestParameters.tagSpecification.tagsSet',
    'requestParameters.tagSpecificationSet',
    'requestParameters.tagSpecificationSet.item',
    'requestParameters.tagSpecificationSet.items',
    'requestParameters.tagSpecificationSet.resourceType',
    'requestParameters.tagSpecificationSet.tag',
    'requestParameters.tagSpecificationSet.tagSet',
    'requestParameters.tagSpecificationSet.tags',
    'requestParameters.tagSpecificationSet.tagsSet',
    'requestParameters.tagSpecifications',
    'requestParameters.tagSpecifications.item',
    'requestParameters.tagSpecifications.items',
    'requestParameters.tagSpecifications.resourceType',
    'requestParameters.tagSpecifications.tag',
    'requestParameters.tagSpecifications.tagSet',
    'requestParameters.tagSpecifications.tags',
    'requestParameters.tagSpecifications.tagsSet',
    'requestParameters.tagSpecificationsSet',
    'requestParameters.tagSpecificationsSet.item',
    'requestParameters.tagSpecificationsSet.items',
    'requestParameters.tagSpecificationsSet.resourceType',
    'requestParameters.tagSpecificationsSet.tag',
    'requestParameters.tagSpecificationsSet.tagSet',
    'requestParameters.tagSpecificationsSet.tags',
    'requestParameters.tagSpecificationsSet.tagsSet',
    'requestParameters.vpcId',
    'responseElements',
    'responseElements.CreateSecurityGroupResponse',
    'responseElements.CreateSecurityGroupResponse._return',
    'responseElements.CreateSecurityGroupResponse.groupId',
    'responseElements.CreateSecurityGroupResponse.requestID',
    'responseElements.CreateSecurityGroupResponse.requestId',
    'responseElements.CreateSecurityGroupResponse.securityGroupArn',
    'responseElements.CreateSecurityGroupResponse.tagSet',
    'responseElements.CreateSecurityGroupResponse.tagSetSet',
    'responseElements.CreateSecurityGroupResponse.tagSets',
    'responseElements.CreateSecurityGroupResponse.tagSetsSet',
    'responseElements.CreateSecurityGroupResponse.xmlns',
    'responseElements._return',
    'responseElements.groupId',
    'responseElements.requestID',
    'responseElements.requestId',
    'responseElements.securityGroupArn',
    'responseElements.tagSet',
    'responseElements.tagSet.item',
    'responseElements.tagSet.items',
    'responseElements.tagSet.key',
    'responseElements.tagSet.value',
    'responseElements.tagSetSet',
    'responseElements.tagSetSet.item',
    'responseElements.tagSetSet.items',
    'responseElements.tagSetSet.key',
    'responseElements.tagSetSet.value',
    'responseElements.tagSets',
    'responseElements.tagSets.item',
    'responseElements.tagSets.items',
    'responseElements.tagSets.key',
    'responseElements.tagSets.value',
    'responseElements.tagSetsSet',
    'responseElements.tagSetsSet.item',
    'responseElements.tagSetsSet.items',
    'responseElements.tagSetsSet.key',
    'responseElements.tagSetsSet.value',
]

_ec2_DeleteSecurityGroup = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.DeleteSecurityGroupRequest',
    'requestParameters.DeleteSecurityGroupRequest.GroupId',
    'requestParameters.DeleteSecurityGroupRequest.GroupName',
    'requestParameters.DeleteSecurityGroupRequest.dryRun',
    'requestParameters.dryRun',
    'requestParameters.groupId',
    'requestParameters.groupName',
    'responseElements',
    'responseElements.DeleteSecurityGroupResponse',
    'responseElements.DeleteSecurityGroupResponse._return',
    'responseElements.DeleteSecurityGroupResponse.groupId',
    'responseElements.DeleteSecurityGroupResponse.requestID',
    'responseElements.DeleteSecurityGroupResponse.requestId',
    'responseElements.DeleteSecurityGroupResponse.xmlns',
    'responseElements._return',
    'responseElements.groupId',
    'responseElements.requestID',
    'responseElements.requestId',
]

_CreateNetworkAclEntry = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.CreateNetworkAclEntryRequest',
    'requestParameters.CreateNetworkAclEntryRequest.Icmp',
    'requestParameters.CreateNetworkAclEntryRequest.Icmp.code',
    'requestParameters.CreateNetworkAclEntryRequest.Icmp.type',
    'requestParameters.CreateNetworkAclEntryRequest.cidrBlock',
    'requestParameters.CreateNetworkAclEntryRequest.dryRun',
    'requestParameters.CreateNetworkAclEntryRequest.egress',
    'requestParameters.CreateNetworkAclEntryRequest.ipv6CidrBlock',
    'requestParameters.CreateNetworkAclEntryRequest.networkAclId',
    'requestParameters.CreateNetworkAclEntryRequest.portRange',
    'requestParameters.CreateNetworkAclEntryRequest.portRange.from',
    'requestParameters.CreateNetworkAclEntryRequest.portRange.to',
    'requestParameters.CreateNetworkAclEntryRequest.protocol',
    'requestParameters.CreateNetworkAclEntryRequest.ruleAction',
    'requestParameters.CreateNetworkAclEntryRequest.ruleNumber',
    'requestParameters.aclProtocol',
    'requestParameters.cidrBlock',
    'requestParameters.dryRun',
    'requestParameters.egress',
    'requestParameters.icmp',
    'requestParameters.icmp.code',
    'requestParameters.icmp.type',
    'requestParameters.icmpTypeCode',
    'requestParameters.ipv6CidrBlock',
    'requestParameters.networkAclId',
    'requestParameters.portRange',
    'requestParameters.portRange.from',
    'requestParameters.portRange.to',
    'requestParameters.protocol',
    'requestParameters.ruleAction',
    'requestParameters.ruleNumber',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_DeleteNetworkAclEntry = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.DeleteNetworkAclEntryRequest',
    'requestParameters.DeleteNetworkAclEntryRequest.dryRun',
    'requestParameters.DeleteNetworkAclEntryRequest.egress',
    'requestParameters.DeleteNetworkAclEntryRequest.networkAclId',
    'requestParameters.DeleteNetworkAclEntryRequest.ruleNumber',
    'requestParameters.dryRun',
    'requestParameters.egress',
    'requestParameters.networkAclId',
    'requestParameters.ruleNumber',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ReplaceNetworkAclEntry = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.ReplaceNetworkAclEntryRequest',
    'requestParameters.ReplaceNetworkAclEntryRequest.Icmp',
    'requestParameters.ReplaceNetworkAclEntryRequest.Icmp.code',
    'requestParameters.ReplaceNetworkAclEntryRequest.Icmp.type',
    'requestParameters.ReplaceNetworkAclEntryRequest.cidrBlock',
    'requestParameters.ReplaceNetworkAclEntryRequest.dryRun',
    'requestParameters.ReplaceNetworkAclEntryRequest.egress',
    'requestParameters.ReplaceNetworkAclEntryRequest.ipv6CidrBlock',
    'requestParameters.ReplaceNetworkAclEntryRequest.networkAclId',
    'requestParameters.ReplaceNetworkAclEntryRequest.portRange',
    'requestParameters.ReplaceNetworkAclEntryRequest.portRange.from',
    'requestParameters.ReplaceNetworkAclEntryRequest.portRange.to',
    'requestParameters.ReplaceNetworkAclEntryRequest.protocol',
    'requestParameters.ReplaceNetworkAclEntryRequest.ruleAction',
    'requestParameters.ReplaceNetworkAclEntryRequest.ruleNumber',
    'requestParameters.cidrBlock',
    'requestParameters.dryRun',
    'requestParameters.egress',
    'requestParameters.icmp',
    'requestParameters.icmp.code',
    'requestParameters.icmp.type',
    'requestParameters.ipv6CidrBlock',
    'requestParameters.networkAclId',
    'requestParameters.portRange',
    'requestParameters.portRange.from',
    'requestParameters.portRange.to',
    'requestParameters.protocol',
    'requestParameters.ruleAction',
    'requestParameters.ruleNumber',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ec2_CreateRoute = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.CreateRouteRequest',
    'requestParameters.CreateRouteRequest.CarrierGatewayId',
    'requestParameters.CreateRouteRequest.CoreNetworkArn',
    'requestParameters.CreateRouteRequest.DestinationPrefixListId',
    'requestParameters.CreateRouteRequest.LocalGatewayId',
    'requestParameters.CreateRouteRequest.OdbNetworkArn',
    'requestParameters.CreateRouteRequest.TransitGatewayId',
    'requestParameters.CreateRouteRequest.VpcEndpointId',
    'requestParameters.CreateRouteRequest.destinationCidrBlock',
    'requestParameters.CreateRouteRequest.destinationIpv6CidrBlock',
    'requestParameters.CreateRouteRequest.dryRun',
    'requestParameters.CreateRouteRequest.egressOnlyInternetGatewayId',
    'requestParameters.CreateRouteRequest.gatewayId',
    'requestParameters.CreateRouteRequest.instanceId',
    'requestParameters.CreateRouteRequest.natGatewayId',
    'requestParameters.CreateRouteRequest.networkInterfaceId',
    'requestParameters.CreateRouteRequest.routeTableId',
    'requestParameters.CreateRouteRequest.vpcPeeringConnectionId',
    'requestParameters.carrierGatewayId',
    'requestParameters.coreNetworkArn',
    'requestParameters.destinationCidrBlock',
    'requestParameters.destinationIpv6CidrBlock',
    'requestParameters.destinationPrefixListId',
    'requestParameters.dryRun',
    'requestParameters.egressOnlyInternetGatewayId',
    'requestParameters.gatewayId',
    'requestParameters.instanceId',
    'requestParameters.localGatewayId',
    'requestParameters.natGatewayId',
    'requestParameters.networkInterfaceId',
    'requestParameters.odbNetworkArn',
    'requestParameters.routeTableId',
    'requestParameters.transitGatewayId',
    'requestParameters.vpcEndpointId',
    'requestParameters.vpcPeeringConnectionId',
    'responseElements',
    'responseElements.CreateRouteResponse',
    'responseElements.CreateRouteResponse._return',
    'responseElements.CreateRouteResponse.requestID',
    'responseElements.CreateRouteResponse.requestId',
    'responseElements.CreateRouteResponse.xmlns',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ReplaceRoute = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.ReplaceRouteRequest',
    'requestParameters.ReplaceRouteRequest.CarrierGatewayId',
    'requestParameters.ReplaceRouteRequest.CoreNetworkArn',
    'requestParameters.ReplaceRouteRequest.DestinationPrefixListId',
    'requestParameters.ReplaceRouteRequest.LocalGatewayId',
    'requestParameters.ReplaceRouteRequest.LocalTarget',
    'requestParameters.ReplaceRouteRequest.OdbNetworkArn',
    'requestParameters.ReplaceRouteRequest.TransitGatewayId',
    'requestParameters.ReplaceRouteRequest.VpcEndpointId',
    'requestParameters.ReplaceRouteRequest.destinationCidrBlock',
    'requestParameters.ReplaceRouteRequest.destinationIpv6CidrBlock',
    'requestParameters.ReplaceRouteRequest.dryRun',
    'requestParameters.ReplaceRouteRequest.egressOnlyInternetGatewayId',
    'requestParameters.ReplaceRouteRequest.gatewayId',
    'requestParameters.ReplaceRouteRequest.instanceId',
    'requestParameters.ReplaceRouteRequest.natGatewayId',
    'requestParameters.ReplaceRouteRequest.networkInterfaceId',
    'requestParameters.ReplaceRouteRequest.routeTableId',
    'requestParameters.ReplaceRouteRequest.vpcPeeringConnectionId',
    'requestParameters.carrierGatewayId',
    'requestParameters.coreNetworkArn',
    'requestParameters.destinationCidrBlock',
    'requestParameters.destinationIpv6CidrBlock',
    'requestParameters.destinationPrefixListId',
    'requestParameters.dryRun',
    'requestParameters.egressOnlyInternetGatewayId',
    'requestParameters.gatewayId',
    'requestParameters.instanceId',
    'requestParameters.localGatewayId',
    'requestParameters.localTarget',
    'requestParameters.natGatewayId',
    'requestParameters.networkInterfaceId',
    'requestParameters.odbNetworkArn',
    'requestParameters.routeTableId',
    'requestParameters.transitGatewayId',
    'requestParameters.vpcEndpointId',
    'requestParameters.vpcPeeringConnectionId',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ec2_DeleteRoute = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.DeleteRouteRequest',
    'requestParameters.DeleteRouteRequest.DestinationPrefixListId',
    'requestParameters.DeleteRouteRequest.destinationCidrBlock',
    'requestParameters.DeleteRouteRequest.destinationIpv6CidrBlock',
    'requestParameters.DeleteRouteRequest.dryRun',
    'requestParameters.DeleteRouteRequest.routeTableId',
    'requestParameters.destinationCidrBlock',
    'requestParameters.destinationIpv6CidrBlock',
    'requestParameters.destinationPrefixListId',
    'requestParameters.dryRun',
    'requestParameters.routeTableId',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_CreateInternetGateway = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.CreateInternetGatewayRequest',
    'requestParameters.CreateInternetGatewayRequest.TagSpecification',
    'requestParameters.CreateInternetGatewayRequest.dryRun',
    'requestParameters.dryRun',
    'requestParameters.tagSpecification',
    'requestParameters.tagSpecification.item',
    'requestParameters.tagSpecification.items',
    'requestParameters.tagSpecification.resourceType',
    'requestParameters.tagSpecification.tag',
    'requestParameters.tagSpecification.tagSet',
    'requestParameters.tagSpecification.tags',
    'requestParameters.tagSpecification.tagsSet',
    'requestParameters.tagSpecificationSet',
    'requestParameters.tagSpecificationSet.item',
    'requestParameters.tagSpecificationSet.items',
    'requestParameters.tagSpecificationSet.resourceType',
    'requestParameters.tagSpecificationSet.tag',
    'requestParameters.tagSpecificationSet.tagSet',
    'requestParameters.tagSpecificationSet.tags',
    'requestParameters.tagSpecificationSet.tagsSet',
    'requestParameters.tagSpecifications',
    'requestParameters.tagSpecifications.item',
    'requestParameters.tagSpecifications.items',
    'requestParameters.tagSpecifications.resourceType',
    'requestParameters.tagSpecifications.tag',
    'requestParameters.tagSpecifications.tagSet',
    'requestParameters.tagSpecifications.tags',
    'requestParameters.tagSpecifications.tagsSet',
    'requestParameters.tagSpecificationsSet',
    'requestParameters.tagSpecificationsSet.item',
    'requestParameters.tagSpecificationsSet.items',
    'requestParameters.tagSpecificationsSet.resourceType',
    'requestParameters.tagSpecificationsSet.tag',
    'requestParameters.tagSpecificationsSet.tagSet',
    'requestParameters.tagSpecificationsSet.tags',
    'requestParameters.tagSpecificationsSet.tagsSet',
    'responseElements',
    'responseElements.CreateInternetGatewayResponse',
    'responseElements.CreateInternetGatewayResponse._return',
    'responseElements.CreateInternetGatewayResponse.internetGateway',
    'responseElements.CreateInternetGatewayResponse.requestID',
    'responseElements.CreateInternetGatewayResponse.requestId',
    'responseElements.CreateInternetGatewayResponse.xmlns',
    'responseElements._return',
    'responseElements.internetGateway',
    'responseElements.internetGateway.attachmentSet',
    'responseElements.internetGateway.attachmentSetSet',
    'responseElements.internetGateway.attachmentSets',
    'responseElements.internetGateway.attachmentSetsSet',
    'responseElements.internetGateway.internetGatewayId',
    'responseElements.internetGateway.ownerId',
    'responseElements.internetGateway.tagSet',
    'responseElements.internetGateway.tagSetSet',
    'responseElements.internetGateway.tagSets',
    'responseElements.internetGateway.tagSetsSet',
    'responseElements.requestID',
    'responseElements.requestId',
]

_AttachInternetGateway = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.AttachInternetGatewayRequest',
    'requestParameters.AttachInternetGatewayRequest.dryRun',
    'requestParameters.AttachInternetGatewayRequest.internetGatewayId',
    'requestParameters.AttachInternetGatewayRequest.vpcId',
    'requestParameters.dryRun',
    'requestParameters.internetGatewayId',
    'requestParameters.vpcId',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_DeleteVpc = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.DeleteVpcRequest',
    'requestParameters.DeleteVpcRequest.VpcId',
    'requestParameters.DeleteVpcRequest.dryRun',
    'requestParameters.dryRun',
    'requestParameters.vpcId',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ModifySnapshotAttribute = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.ModifySnapshotAttributeRequest',
    'requestParameters.ModifySnapshotAttributeRequest.Attribute',
    'requestParameters.ModifySnapshotAttributeRequest.CreateVolumePermission',
    'requestParameters.ModifySnapshotAttributeRequest.OperationType',
    'requestParameters.ModifySnapshotAttributeRequest.SnapshotId',
    'requestParameters.ModifySnapshotAttributeRequest.UserGroup',
    'requestParameters.ModifySnapshotAttributeRequest.UserId',
    'requestParameters.ModifySnapshotAttributeRequest.dryRun',
    'requestParameters.attribute',
    'requestParameters.attributeType',
    'requestParameters.createVolumePermission',
    'requestParameters.createVolumePermission.add',
    'requestParameters.createVolumePermission.addSet',
    'requestParameters.createVolumePermission.adds',
    'requestParameters.createVolumePermission.addsSet',
    'requestParameters.createVolumePermission.remove',
    'requestParameters.createVolumePermission.removeSet',
    'requestParameters.createVolumePermission.removes',
    'requestParameters.createVolumePermission.removesSet',
    'requestParameters.dryRun',
    'requestParameters.operationType',
    'requestParameters.snapshotId',
    'requestParameters.userGroup',
    'requestParameters.userGroup.groupName',
    'requestParameters.userGroup.item',
    'requestParameters.userGroup.items',
    'requestParameters.userGroup.value',
    'requestParameters.userGroupSet',
    'requestParameters.userGroupSet.groupName',
    'requestParameters.userGroupSet.item',
    'requestParameters.userGroupSet.items',
    'requestParameters.userGroupSet.value',
    'requestParameters.userGroups',
    'requestParameters.userGroups.groupName',
    'requestParameters.userGroups.item',
    'requestParameters.userGroups.items',
    'requestParameters.userGroups.value',
    'requestParameters.userGroupsSet',
    'requestParameters.userGroupsSet.groupName',
    'requestParameters.userGroupsSet.item',
    'requestParameters.userGroupsSet.items',
    'requestParameters.userGroupsSet.value',
    'requestParameters.userId',
    'requestParameters.userId.item',
    'requestParameters.userId.items',
    'requestParameters.userId.userId',
    'requestParameters.userId.value',
    'requestParameters.userIdSet',
    'requestParameters.userIdSet.item',
    'requestParameters.userIdSet.items',
    'requestParameters.userIdSet.userId',
    'requestParameters.userIdSet.value',
    'requestParameters.userIds',
    'requestParameters.userIds.item',
    'requestParameters.userIds.items',
    'requestParameters.userIds.userId',
    'requestParameters.userIds.value',
    'requestParameters.userIdsSet',
    'requestParameters.userIdsSet.item',
    'requestParameters.userIdsSet.items',
    'requestParameters.userIdsSet.userId',
    'requestParameters.userIdsSet.value',
    'requestParameters.userSet',
    'requestParameters.userSet.item',
    'requestParameters.userSet.items',
    'requestParameters.userSet.userId',
    'requestParameters.userSet.value',
    'requestParameters.usersSet',
    'requestParameters.usersSet.item',
    'requestParameters.usersSet.items',
    'requestParameters.usersSet.userId',
    'requestParameters.usersSet.value',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ModifyImageAttribute = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.ModifyImageAttributeRequest',
    'requestParameters.attribute',
    'requestParameters.attributeType',
    'requestParameters.description',
    'requestParameters.dryRun',
    'requestParameters.imageId',
    'requestParameters.imdsSupport',
    'requestParameters.launchPermission',
    'requestParameters.operationType',
    'requestParameters.organizationArn',
    'requestParameters.organizationArnSet',
    'requestParameters.organizationArns',
    'requestParameters.organizationArnsSet',
    'requestParameters.organizationalUnitArn',
    'requestParameters.organizationalUnitArnSet',
    'requestParameters.organizationalUnitArns',
    'requestParameters.organizationalUnitArnsSet',
    'requestParameters.productCode',
    'requestParameters.productCodeSet',
    'requestParameters.productCodes',
    'requestParameters.productCodesSet',
    'requestParameters.someThing',
    'requestParameters.userGroup',
    'requestParameters.userGroupSet',
    'requestParameters.userGroups',
    'requestParameters.userGroupsSet',
    'requestParameters.userId',
    'requestParameters.userIdSet',
    'requestParameters.userIds',
    'requestParameters.userIdsSet',
    'requestParameters.userSet',
    'requestParameters.usersSet',
    'requestParameters.value',
    'responseElements',
    'responseElements._return',
    'responseElements.requestID',
    'responseElements.requestId',
]

_DisableEbsEncryptionByDefault = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.DisableEbsEncryptionByDefaultRequest',
    'requestParameters.DisableEbsEncryptionByDefaultRequest.DryRun',
    'requestParameters.dryRun',
    'responseElements',
    'responseElements.DisableEbsEncryptionByDefaultResponse',
    'responseElements.DisableEbsEncryptionByDefaultResponse._return',
    'responseElements.DisableEbsEncryptionByDefaultResponse.ebsEncryptionByDefault',
    'responseElements.DisableEbsEncryptionByDefaultResponse.requestID',
    'responseElements.DisableEbsEncryptionByDefaultResponse.requestId',
    'responseElements.DisableEbsEncryptionByDefaultResponse.xmlns',
    'responseElements._return',
    'responseElements.ebsEncryptionByDefault',
    'responseElements.requestID',
    'responseElements.requestId',
]

_ScheduleKeyDeletion = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.keyId',
    'requestParameters.pendingWindowInDays',
    'responseElements',
    'responseElements.deletionDate',
    'responseElements.keyId',
    'responseElements.keyState',
    'responseElements.pendingWindowInDays',
]

_DisableKey = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.keyId',
    'responseElements',
]

_CancelKeyDeletion = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.keyId',
    'responseElements',
    'responseElements.keyId',
]

_PutKeyPolicy = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.bypassPolicyLockoutSafetyCheck',
    'requestParameters.keyId',
    'requestParameters.policy',
    'requestParameters.policyName',
    'responseElements',
]

_kms_CreateKey = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.bypassPolicyLockoutSafetyCheck',
    'requestParameters.customKeyStoreId',
    'requestParameters.customerMasterKeySpec',
    'requestParameters.description',
    'requestParameters.keySpec',
    'requestParameters.keyUsage',
    'requestParameters.multiRegion',
    'requestParameters.origin',
    'requestParameters.policy',
    'requestParameters.tags',
    'requestParameters.tags.tagKey',
    'requestParameters.tags.tagValue',
    'requestParameters.xksKeyId',
    'responseElements',
    'responseElements.keyMetadata',
    'responseElements.keyMetadata.aWSAccountId',
    'responseElements.keyMetadata.arn',
    'responseElements.keyMetadata.cloudHsmClusterId',
    'responseElements.keyMetadata.creationDate',
    'responseElements.keyMetadata.currentKeyMaterialId',
    'responseElements.keyMetadata.customKeyStoreId',
    'responseElements.keyMetadata.customerMasterKeySpec',
    'responseElements.keyMetadata.deletionDate',
    'responseElements.keyMetadata.description',
    'responseElements.keyMetadata.enabled',
    'responseElements.keyMetadata.encapsulationAlgorithms',
    'responseElements.keyMetadata.encryptionAlgorithms',
    'responseElements.keyMetadata.expirationModel',
    'responseElements.keyMetadata.keyAgreementAlgorithms',
    'responseElements.keyMetadata.keyId',
    'responseElements.keyMetadata.keyManager',
    'responseElements.keyMetadata.keySpec',
    'responseElements.keyMetadata.keyState',
    'responseElements.keyMetadata.keyUsage',
    'responseElements.keyMetadata.macAlgorithms',
    'responseElements.keyMetadata.multiRegion',
    'responseElements.keyMetadata.multiRegionConfiguration',
    'responseElements.keyMetadata.multiRegionConfiguration.multiRegionKeyType',
    'responseElements.keyMetadata.multiRegionConfiguration.primaryKey',
    'responseElements.keyMetadata.multiRegionConfiguration.primaryKey.arn',
    'responseElements.keyMetadata.multiRegionConfiguration.primaryKey.region',
    'responseElements.keyMetadata.multiRegionConfiguration.replicaKeys',
    'responseElements.keyMetadata.multiRegionConfiguration.replicaKeys.arn',
    'responseElements.keyMetadata.multiRegionConfiguration.replicaKeys.region',
    'responseElements.keyMetadata.origin',
    'responseElements.keyMetadata.pendingDeletionWindowInDays',
    'responseElements.keyMetadata.signingAlgorithms',
    'responseElements.keyMetadata.validTo',
    'responseElements.keyMetadata.xksKeyConfiguration',
    'responseElements.keyMetadata.xksKeyConfiguration.id',
]

_kms_CreateGrant = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.constraints',
    'requestParameters.constraints.encryptionContextEquals',
    'requestParameters.constraints.encryptionContextSubset',
    'requestParameters.constraints.sourceArn',
    'requestParameters.dryRun',
    'requestParameters.grantTokens',
    'requestParameters.granteePrincipal',
    'requestParameters.granteeServicePrincipal',
    'requestParameters.keyId',
    'requestParameters.name',
    'requestParameters.operations',
    'requestParameters.retiringPrincipal',
    'requestParameters.retiringServicePrincipal',
    'responseElements',
    'responseElements.grantId',
    'responseElements.grantToken',
]

_DisableKeyRotation = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.keyId',
    'responseElements',
]

_CreateTrail = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.cloudWatchLogsLogGroupArn',
    'requestParameters.cloudWatchLogsRoleArn',
    'requestParameters.enableLogFileValidation',
    'requestParameters.includeGlobalServiceEvents',
    'requestParameters.isMultiRegionTrail',
    'requestParameters.isOrganizationTrail',
    'requestParameters.kmsKeyId',
    'requestParameters.name',
    'requestParameters.recursiveLogging',
    'requestParameters.s3BucketName',
    'requestParameters.s3KeyPrefix',
    'requestParameters.snsTopicName',
    'requestParameters.tagsList',
    'requestParameters.tagsList.key',
    'requestParameters.tagsList.value',
    'responseElements',
    'responseElements.cloudWatchLogsLogGroupArn',
    'responseElements.cloudWatchLogsRoleArn',
    'responseElements.includeGlobalServiceEvents',
    'responseElements.isMultiRegionTrail',
    'responseElements.isOrganizationTrail',
    'responseElements.kmsKeyId',
    'responseElements.logFileValidationEnabled',
    'responseElements.name',
    'responseElements.recursiveLogging',
    'responseElements.s3BucketName',
    'responseElements.s3KeyPrefix',
    'responseElements.snsTopicARN',
    'responseElements.snsTopicName',
    'responseElements.trailARN',
]

_UpdateTrail = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.cloudWatchLogsLogGroupArn',
    'requestParameters.cloudWatchLogsRoleArn',
    'requestParameters.enableLogFileValidation',
    'requestParameters.includeGlobalServiceEvents',
    'requestParameters.isMultiRegionTrail',
    'requestParameters.isOrganizationTrail',
    'requestParameters.kmsKeyId',
    'requestParameters.name',
    'requestParameters.recursiveLogging',
    'requestParameters.s3BucketName',
    'requestParameters.s3KeyPrefix',
    'requestParameters.snsTopicName',
    'responseElements',
    'responseElements.cloudWatchLogsLogGroupArn',
    'responseElements.cloudWatchLogsRoleArn',
    'responseElements.includeGlobalServiceEvents',
    'responseElements.isMultiRegionTrail',
    'responseElements.isOrganizationTrail',
    'responseElements.kmsKeyId',
    'responseElements.logFileValidationEnabled',
    'responseElements.name',
    'responseElements.recursiveLogging',
    'responseElements.s3BucketName',
    'responseElements.s3KeyPrefix',
    'responseElements.snsTopicARN',
    'responseElements.snsTopicName',
    'responseElements.trailARN',
]

_DeleteTrail = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.name',
    'responseElements',
]

_StopLogging = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.name',
    'responseElements',
]

_StartLogging = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.name',
    'responseElements',
]

_PutEventSelectors = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.advancedEventSelectors',
    'requestParameters.advancedEventSelectors.fieldSelectors',
    'requestParameters.advancedEventSelectors.fieldSelectors.endsWith',
    'requestParameters.advancedEventSelectors.fieldSelectors.equals',
    'requestParameters.advancedEventSelectors.fieldSelectors.field',
    'requestParameters.advancedEventSelectors.fieldSelectors.notEndsWith',
    'requestParameters.advancedEventSelectors.fieldSelectors.notEquals',
    'requestParameters.advancedEventSelectors.fieldSelectors.notStartsWith',
    'requestParameters.advancedEventSelectors.fieldSelectors.startsWith',
    'requestParameters.advancedEventSelectors.name',
    'requestParameters.eventSelectors',
    'requestParameters.eventSelectors.dataResources',
    'requestParameters.eventSelectors.dataResources.type',
    'requestParameters.eventSelectors.dataResources.values',
    'requestParameters.eventSelectors.excludeManagementEventSources',
    'requestParameters.eventSelectors.includeManagementEvents',
    'requestParameters.eventSelectors.readWriteType',
    'requestParameters.trailName',
    'responseElements',
    'responseElements.advancedEventSelectors',
    'responseElements.advancedEventSelectors.fieldSelectors',
    'responseElements.advancedEventSelectors.fieldSelectors.endsWith',
    'responseElements.advancedEventSelectors.fieldSelectors.equals',
    'responseElements.advancedEventSelectors.fieldSelectors.field',
    'responseElements.advancedEventSelectors.fieldSelectors.notEndsWith',
    'responseElements.advancedEventSelectors.fieldSelectors.notEquals',
    'responseElements.advancedEventSelectors.fieldSelectors.notStartsWith',
    'responseElements.advancedEventSelectors.fieldSelectors.startsWith',
    'responseElements.advancedEventSelectors.name',
    'responseElements.eventSelectors',
    'responseElements.eventSelectors.dataResources',
    'responseElements.eventSelectors.dataResources.type',
    'responseElements.eventSelectors.dataResources.values',
    'responseElements.eventSelectors.excludeManagementEventSources',
    'responseElements.eventSelectors.includeManagementEvents',
    'responseElements.eventSelectors.readWriteType',
    'responseElements.trailARN',
]

_StopConfigurationRecorder = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.configurationRecorderName',
    'responseElements',
]

_DeleteConfigurationRecorder = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.configurationRecorderName',
    'responseElements',
]

_DeleteDeliveryChannel = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.deliveryChannelName',
    'responseElements',
]

_guardduty_DeleteDetector = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.detectorId',
    'responseElements',
]

_DisableSecurityHub = Literal[
    'additionalEventData',
    'requestParameters',
    'responseElements',
]

_GetSecretValue = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.secretId',
    'requestParameters.versionId',
    'requestParameters.versionStage',
    'responseElements',
    'responseElements.aRN',
    'responseElements.createdDate',
    'responseElements.name',
    'responseElements.versionId',
    'responseElements.versionStages',
]

_DeleteSecret = Literal[
    'additionalEventData',
    'requestParameters',
    'requestParameters.forceDeleteWithoutRecovery',
    'requestParameters.recoveryWindowInDays',
    'requestParameters.secretId',
    'responseElements',
    'responseElements.aRN',
    'responseElements.deletionDate',
    'responseElements.name',
]


class TypedField(Protocol):
    """``ctrules.field(event_name, path, *, service=None) -> str``, the paths of common events typed."""

    @overload
    def __call__(self, event_name: Literal["CreateAccountResult"], path: _CreateAccountResult | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateAccountResult records (a typo?): `ctrules show CreateAccountResult --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateAccountResult"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CloseAccountResult"], path: _CloseAccountResult | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CloseAccountResult records (a typo?): `ctrules show CloseAccountResult --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CloseAccountResult"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateManagedAccount"], path: _CreateManagedAccount | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateManagedAccount records (a typo?): `ctrules show CreateManagedAccount --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateManagedAccount"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateManagedAccount"], path: _UpdateManagedAccount | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateManagedAccount records (a typo?): `ctrules show UpdateManagedAccount --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateManagedAccount"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateAccount"], path: _organizations_CreateAccount | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateAccount records (a typo?): `ctrules show CreateAccount --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateAccount"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CloseAccount"], path: _organizations_CloseAccount | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CloseAccount records (a typo?): `ctrules show CloseAccount --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CloseAccount"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["InviteAccountToOrganization"], path: _InviteAccountToOrganization | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for InviteAccountToOrganization records (a typo?): `ctrules show InviteAccountToOrganization --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["InviteAccountToOrganization"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AcceptHandshake"], path: _AcceptHandshake | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AcceptHandshake records (a typo?): `ctrules show AcceptHandshake --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AcceptHandshake"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["LeaveOrganization"], path: _LeaveOrganization | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for LeaveOrganization records (a typo?): `ctrules show LeaveOrganization --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["LeaveOrganization"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["RemoveAccountFromOrganization"], path: _RemoveAccountFromOrganization | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for RemoveAccountFromOrganization records (a typo?): `ctrules show RemoveAccountFromOrganization --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["RemoveAccountFromOrganization"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["MoveAccount"], path: _MoveAccount | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for MoveAccount records (a typo?): `ctrules show MoveAccount --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["MoveAccount"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateOrganizationalUnit"], path: _CreateOrganizationalUnit | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateOrganizationalUnit records (a typo?): `ctrules show CreateOrganizationalUnit --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateOrganizationalUnit"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteOrganizationalUnit"], path: _DeleteOrganizationalUnit | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteOrganizationalUnit records (a typo?): `ctrules show DeleteOrganizationalUnit --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteOrganizationalUnit"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AttachPolicy"], path: _organizations_AttachPolicy | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AttachPolicy records (a typo?): `ctrules show AttachPolicy --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AttachPolicy"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DetachPolicy"], path: _organizations_DetachPolicy | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DetachPolicy records (a typo?): `ctrules show DetachPolicy --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DetachPolicy"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreatePolicy"], path: _organizations_CreatePolicy | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreatePolicy records (a typo?): `ctrules show CreatePolicy --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreatePolicy"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdatePolicy"], path: _organizations_UpdatePolicy | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdatePolicy records (a typo?): `ctrules show UpdatePolicy --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdatePolicy"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeletePolicy"], path: _organizations_DeletePolicy | _Envelope0, *, service: Literal["organizations"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeletePolicy records (a typo?): `ctrules show DeletePolicy --service organizations --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeletePolicy"], path: str, *, service: Literal["organizations"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["EnableAWSServiceAccess"], path: _EnableAWSServiceAccess | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for EnableAWSServiceAccess records (a typo?): `ctrules show EnableAWSServiceAccess --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["EnableAWSServiceAccess"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DisableAWSServiceAccess"], path: _DisableAWSServiceAccess | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DisableAWSServiceAccess records (a typo?): `ctrules show DisableAWSServiceAccess --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DisableAWSServiceAccess"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["RegisterDelegatedAdministrator"], path: _RegisterDelegatedAdministrator | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for RegisterDelegatedAdministrator records (a typo?): `ctrules show RegisterDelegatedAdministrator --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["RegisterDelegatedAdministrator"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeregisterDelegatedAdministrator"], path: _DeregisterDelegatedAdministrator | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeregisterDelegatedAdministrator records (a typo?): `ctrules show DeregisterDelegatedAdministrator --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeregisterDelegatedAdministrator"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["EnableGuardrail"], path: _EnableGuardrail | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for EnableGuardrail records (a typo?): `ctrules show EnableGuardrail --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["EnableGuardrail"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DisableGuardrail"], path: _DisableGuardrail | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DisableGuardrail records (a typo?): `ctrules show DisableGuardrail --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DisableGuardrail"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["SetupLandingZone"], path: _SetupLandingZone | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for SetupLandingZone records (a typo?): `ctrules show SetupLandingZone --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["SetupLandingZone"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateLandingZone"], path: _UpdateLandingZone | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateLandingZone records (a typo?): `ctrules show UpdateLandingZone --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateLandingZone"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["RegisterOrganizationalUnit"], path: _RegisterOrganizationalUnit | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for RegisterOrganizationalUnit records (a typo?): `ctrules show RegisterOrganizationalUnit --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["RegisterOrganizationalUnit"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeregisterOrganizationalUnit"], path: _DeregisterOrganizationalUnit | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeregisterOrganizationalUnit records (a typo?): `ctrules show DeregisterOrganizationalUnit --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeregisterOrganizationalUnit"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ConsoleLogin"], path: _ConsoleLogin | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for ConsoleLogin records (a typo?): `ctrules show ConsoleLogin --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["ConsoleLogin"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CheckMfa"], path: _CheckMfa | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CheckMfa records (a typo?): `ctrules show CheckMfa --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CheckMfa"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["SwitchRole"], path: _SwitchRole | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for SwitchRole records (a typo?): `ctrules show SwitchRole --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["SwitchRole"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ExitRole"], path: _ExitRole | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for ExitRole records (a typo?): `ctrules show ExitRole --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["ExitRole"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateUser"], path: _iam_CreateUser | _Envelope0, *, service: Literal["iam"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateUser records (a typo?): `ctrules show CreateUser --service iam --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateUser"], path: str, *, service: Literal["iam"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteUser"], path: _iam_DeleteUser | _Envelope0, *, service: Literal["iam"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteUser records (a typo?): `ctrules show DeleteUser --service iam --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteUser"], path: str, *, service: Literal["iam"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateAccessKey"], path: _CreateAccessKey | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateAccessKey records (a typo?): `ctrules show CreateAccessKey --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateAccessKey"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteAccessKey"], path: _DeleteAccessKey | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteAccessKey records (a typo?): `ctrules show DeleteAccessKey --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteAccessKey"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateAccessKey"], path: _UpdateAccessKey | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateAccessKey records (a typo?): `ctrules show UpdateAccessKey --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateAccessKey"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateLoginProfile"], path: _CreateLoginProfile | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateLoginProfile records (a typo?): `ctrules show CreateLoginProfile --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateLoginProfile"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateLoginProfile"], path: _UpdateLoginProfile | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateLoginProfile records (a typo?): `ctrules show UpdateLoginProfile --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateLoginProfile"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteLoginProfile"], path: _DeleteLoginProfile | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteLoginProfile records (a typo?): `ctrules show DeleteLoginProfile --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteLoginProfile"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AttachUserPolicy"], path: _AttachUserPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AttachUserPolicy records (a typo?): `ctrules show AttachUserPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AttachUserPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AttachRolePolicy"], path: _AttachRolePolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AttachRolePolicy records (a typo?): `ctrules show AttachRolePolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AttachRolePolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AttachGroupPolicy"], path: _AttachGroupPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AttachGroupPolicy records (a typo?): `ctrules show AttachGroupPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AttachGroupPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DetachUserPolicy"], path: _DetachUserPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DetachUserPolicy records (a typo?): `ctrules show DetachUserPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DetachUserPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DetachRolePolicy"], path: _DetachRolePolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DetachRolePolicy records (a typo?): `ctrules show DetachRolePolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DetachRolePolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DetachGroupPolicy"], path: _DetachGroupPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DetachGroupPolicy records (a typo?): `ctrules show DetachGroupPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DetachGroupPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutUserPolicy"], path: _PutUserPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutUserPolicy records (a typo?): `ctrules show PutUserPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutUserPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutRolePolicy"], path: _PutRolePolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutRolePolicy records (a typo?): `ctrules show PutRolePolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutRolePolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutGroupPolicy"], path: _PutGroupPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutGroupPolicy records (a typo?): `ctrules show PutGroupPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutGroupPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteUserPolicy"], path: _DeleteUserPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteUserPolicy records (a typo?): `ctrules show DeleteUserPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteUserPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteRolePolicy"], path: _DeleteRolePolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteRolePolicy records (a typo?): `ctrules show DeleteRolePolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteRolePolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteGroupPolicy"], path: _DeleteGroupPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteGroupPolicy records (a typo?): `ctrules show DeleteGroupPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteGroupPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreatePolicy"], path: _iam_CreatePolicy | _Envelope0, *, service: Literal["iam"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreatePolicy records (a typo?): `ctrules show CreatePolicy --service iam --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreatePolicy"], path: str, *, service: Literal["iam"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeletePolicy"], path: _iam_DeletePolicy | _Envelope0, *, service: Literal["iam"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeletePolicy records (a typo?): `ctrules show DeletePolicy --service iam --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeletePolicy"], path: str, *, service: Literal["iam"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreatePolicyVersion"], path: _iam_CreatePolicyVersion | _Envelope0, *, service: Literal["iam"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreatePolicyVersion records (a typo?): `ctrules show CreatePolicyVersion --service iam --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreatePolicyVersion"], path: str, *, service: Literal["iam"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["SetDefaultPolicyVersion"], path: _iam_SetDefaultPolicyVersion | _Envelope0, *, service: Literal["iam"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for SetDefaultPolicyVersion records (a typo?): `ctrules show SetDefaultPolicyVersion --service iam --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["SetDefaultPolicyVersion"], path: str, *, service: Literal["iam"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateRole"], path: _CreateRole | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateRole records (a typo?): `ctrules show CreateRole --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateRole"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteRole"], path: _DeleteRole | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteRole records (a typo?): `ctrules show DeleteRole --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteRole"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateAssumeRolePolicy"], path: _UpdateAssumeRolePolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateAssumeRolePolicy records (a typo?): `ctrules show UpdateAssumeRolePolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateAssumeRolePolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AddUserToGroup"], path: _AddUserToGroup | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AddUserToGroup records (a typo?): `ctrules show AddUserToGroup --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AddUserToGroup"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateVirtualMFADevice"], path: _CreateVirtualMFADevice | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateVirtualMFADevice records (a typo?): `ctrules show CreateVirtualMFADevice --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateVirtualMFADevice"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["EnableMFADevice"], path: _EnableMFADevice | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for EnableMFADevice records (a typo?): `ctrules show EnableMFADevice --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["EnableMFADevice"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeactivateMFADevice"], path: _DeactivateMFADevice | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeactivateMFADevice records (a typo?): `ctrules show DeactivateMFADevice --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeactivateMFADevice"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteVirtualMFADevice"], path: _DeleteVirtualMFADevice | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteVirtualMFADevice records (a typo?): `ctrules show DeleteVirtualMFADevice --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteVirtualMFADevice"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateAccountPasswordPolicy"], path: _UpdateAccountPasswordPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateAccountPasswordPolicy records (a typo?): `ctrules show UpdateAccountPasswordPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateAccountPasswordPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteAccountPasswordPolicy"], path: _DeleteAccountPasswordPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteAccountPasswordPolicy records (a typo?): `ctrules show DeleteAccountPasswordPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteAccountPasswordPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateSAMLProvider"], path: _CreateSAMLProvider | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateSAMLProvider records (a typo?): `ctrules show CreateSAMLProvider --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateSAMLProvider"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateOpenIDConnectProvider"], path: _CreateOpenIDConnectProvider | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateOpenIDConnectProvider records (a typo?): `ctrules show CreateOpenIDConnectProvider --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateOpenIDConnectProvider"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AssumeRole"], path: _AssumeRole | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AssumeRole records (a typo?): `ctrules show AssumeRole --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AssumeRole"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AssumeRoleWithSAML"], path: _AssumeRoleWithSAML | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AssumeRoleWithSAML records (a typo?): `ctrules show AssumeRoleWithSAML --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AssumeRoleWithSAML"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AssumeRoleWithWebIdentity"], path: _AssumeRoleWithWebIdentity | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AssumeRoleWithWebIdentity records (a typo?): `ctrules show AssumeRoleWithWebIdentity --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AssumeRoleWithWebIdentity"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["GetSessionToken"], path: _GetSessionToken | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for GetSessionToken records (a typo?): `ctrules show GetSessionToken --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["GetSessionToken"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["GetFederationToken"], path: _sts_GetFederationToken | _Envelope0, *, service: Literal["sts"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for GetFederationToken records (a typo?): `ctrules show GetFederationToken --service sts --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["GetFederationToken"], path: str, *, service: Literal["sts"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateBucket"], path: _s3_CreateBucket | _Envelope0, *, service: Literal["s3"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateBucket records (a typo?): `ctrules show CreateBucket --service s3 --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateBucket"], path: str, *, service: Literal["s3"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteBucket"], path: _s3_DeleteBucket | _Envelope0, *, service: Literal["s3"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteBucket records (a typo?): `ctrules show DeleteBucket --service s3 --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteBucket"], path: str, *, service: Literal["s3"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutBucketPolicy"], path: _PutBucketPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutBucketPolicy records (a typo?): `ctrules show PutBucketPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutBucketPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteBucketPolicy"], path: _DeleteBucketPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteBucketPolicy records (a typo?): `ctrules show DeleteBucketPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteBucketPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutBucketAcl"], path: _PutBucketAcl | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutBucketAcl records (a typo?): `ctrules show PutBucketAcl --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutBucketAcl"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutBucketPublicAccessBlock"], path: _PutBucketPublicAccessBlock | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutBucketPublicAccessBlock records (a typo?): `ctrules show PutBucketPublicAccessBlock --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutBucketPublicAccessBlock"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteBucketPublicAccessBlock"], path: _DeleteBucketPublicAccessBlock | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteBucketPublicAccessBlock records (a typo?): `ctrules show DeleteBucketPublicAccessBlock --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteBucketPublicAccessBlock"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutBucketEncryption"], path: _PutBucketEncryption | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutBucketEncryption records (a typo?): `ctrules show PutBucketEncryption --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutBucketEncryption"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteBucketEncryption"], path: _DeleteBucketEncryption | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteBucketEncryption records (a typo?): `ctrules show DeleteBucketEncryption --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteBucketEncryption"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutBucketVersioning"], path: _PutBucketVersioning | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutBucketVersioning records (a typo?): `ctrules show PutBucketVersioning --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutBucketVersioning"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutBucketLogging"], path: _PutBucketLogging | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutBucketLogging records (a typo?): `ctrules show PutBucketLogging --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutBucketLogging"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["RunInstances"], path: _RunInstances | _Envelope1, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["TerminateInstances"], path: _TerminateInstances | _Envelope2, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["StopInstances"], path: _StopInstances | _Envelope2, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AuthorizeSecurityGroupIngress"], path: _AuthorizeSecurityGroupIngress | _Envelope1, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AuthorizeSecurityGroupEgress"], path: _AuthorizeSecurityGroupEgress | _Envelope1, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["RevokeSecurityGroupIngress"], path: _RevokeSecurityGroupIngress | _Envelope1, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateSecurityGroup"], path: _ec2_CreateSecurityGroup | _Envelope2, *, service: Literal["ec2"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteSecurityGroup"], path: _ec2_DeleteSecurityGroup | _Envelope0, *, service: Literal["ec2"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteSecurityGroup records (a typo?): `ctrules show DeleteSecurityGroup --service ec2 --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteSecurityGroup"], path: str, *, service: Literal["ec2"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateNetworkAclEntry"], path: _CreateNetworkAclEntry | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateNetworkAclEntry records (a typo?): `ctrules show CreateNetworkAclEntry --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateNetworkAclEntry"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteNetworkAclEntry"], path: _DeleteNetworkAclEntry | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteNetworkAclEntry records (a typo?): `ctrules show DeleteNetworkAclEntry --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteNetworkAclEntry"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ReplaceNetworkAclEntry"], path: _ReplaceNetworkAclEntry | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for ReplaceNetworkAclEntry records (a typo?): `ctrules show ReplaceNetworkAclEntry --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["ReplaceNetworkAclEntry"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateRoute"], path: _ec2_CreateRoute | _Envelope0, *, service: Literal["ec2"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateRoute records (a typo?): `ctrules show CreateRoute --service ec2 --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateRoute"], path: str, *, service: Literal["ec2"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ReplaceRoute"], path: _ReplaceRoute | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for ReplaceRoute records (a typo?): `ctrules show ReplaceRoute --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["ReplaceRoute"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteRoute"], path: _ec2_DeleteRoute | _Envelope0, *, service: Literal["ec2"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteRoute records (a typo?): `ctrules show DeleteRoute --service ec2 --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteRoute"], path: str, *, service: Literal["ec2"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateInternetGateway"], path: _CreateInternetGateway | _Envelope2, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["AttachInternetGateway"], path: _AttachInternetGateway | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for AttachInternetGateway records (a typo?): `ctrules show AttachInternetGateway --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["AttachInternetGateway"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteVpc"], path: _DeleteVpc | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteVpc records (a typo?): `ctrules show DeleteVpc --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteVpc"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ModifySnapshotAttribute"], path: _ModifySnapshotAttribute | _Envelope2, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ModifyImageAttribute"], path: _ModifyImageAttribute | _Envelope1, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DisableEbsEncryptionByDefault"], path: _DisableEbsEncryptionByDefault | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DisableEbsEncryptionByDefault records (a typo?): `ctrules show DisableEbsEncryptionByDefault --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DisableEbsEncryptionByDefault"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["ScheduleKeyDeletion"], path: _ScheduleKeyDeletion | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for ScheduleKeyDeletion records (a typo?): `ctrules show ScheduleKeyDeletion --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["ScheduleKeyDeletion"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DisableKey"], path: _DisableKey | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DisableKey records (a typo?): `ctrules show DisableKey --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DisableKey"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CancelKeyDeletion"], path: _CancelKeyDeletion | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CancelKeyDeletion records (a typo?): `ctrules show CancelKeyDeletion --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CancelKeyDeletion"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutKeyPolicy"], path: _PutKeyPolicy | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutKeyPolicy records (a typo?): `ctrules show PutKeyPolicy --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutKeyPolicy"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateKey"], path: _kms_CreateKey | _Envelope0, *, service: Literal["kms"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateKey records (a typo?): `ctrules show CreateKey --service kms --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateKey"], path: str, *, service: Literal["kms"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateGrant"], path: _kms_CreateGrant | _Envelope0, *, service: Literal["kms"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateGrant records (a typo?): `ctrules show CreateGrant --service kms --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateGrant"], path: str, *, service: Literal["kms"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DisableKeyRotation"], path: _DisableKeyRotation | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DisableKeyRotation records (a typo?): `ctrules show DisableKeyRotation --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DisableKeyRotation"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["CreateTrail"], path: _CreateTrail | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for CreateTrail records (a typo?): `ctrules show CreateTrail --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["CreateTrail"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["UpdateTrail"], path: _UpdateTrail | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for UpdateTrail records (a typo?): `ctrules show UpdateTrail --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["UpdateTrail"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteTrail"], path: _DeleteTrail | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteTrail records (a typo?): `ctrules show DeleteTrail --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteTrail"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["StopLogging"], path: _StopLogging | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for StopLogging records (a typo?): `ctrules show StopLogging --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["StopLogging"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["StartLogging"], path: _StartLogging | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for StartLogging records (a typo?): `ctrules show StartLogging --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["StartLogging"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["PutEventSelectors"], path: _PutEventSelectors | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for PutEventSelectors records (a typo?): `ctrules show PutEventSelectors --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["PutEventSelectors"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["StopConfigurationRecorder"], path: _StopConfigurationRecorder | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for StopConfigurationRecorder records (a typo?): `ctrules show StopConfigurationRecorder --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["StopConfigurationRecorder"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteConfigurationRecorder"], path: _DeleteConfigurationRecorder | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteConfigurationRecorder records (a typo?): `ctrules show DeleteConfigurationRecorder --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteConfigurationRecorder"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteDeliveryChannel"], path: _DeleteDeliveryChannel | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteDeliveryChannel records (a typo?): `ctrules show DeleteDeliveryChannel --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteDeliveryChannel"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteDetector"], path: _guardduty_DeleteDetector | _Envelope0, *, service: Literal["guardduty"]) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteDetector records (a typo?): `ctrules show DeleteDetector --service guardduty --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteDetector"], path: str, *, service: Literal["guardduty"]) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DisableSecurityHub"], path: _DisableSecurityHub | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DisableSecurityHub records (a typo?): `ctrules show DisableSecurityHub --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DisableSecurityHub"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["GetSecretValue"], path: _GetSecretValue | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for GetSecretValue records (a typo?): `ctrules show GetSecretValue --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["GetSecretValue"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: Literal["DeleteSecret"], path: _DeleteSecret | _Envelope0, *, service: str | None = None) -> str: ...
    @overload
    @deprecated('not a field path ctrules lists for DeleteSecret records (a typo?): `ctrules show DeleteSecret --fields` prints them; ctrules.field raises UnknownFieldError at synth when the records never carry the path')
    def __call__(self, event_name: Literal["DeleteSecret"], path: str, *, service: str | None = None) -> str: ...
    @overload
    def __call__(self, event_name: str, path: str, *, service: str | None = None) -> str: ...
