// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

import {IArbitratorRegistry} from "../interfaces/IArbitratorRegistry.sol";
import {IReputation} from "../interfaces/IReputation.sol";
import {ITenderAdmin} from "../interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {ITenderMilestones} from "../interfaces/ITenderMilestones.sol";
import {ITenderSealed} from "../interfaces/ITenderSealed.sol";
import {ITenderSigned} from "../interfaces/ITenderSigned.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowState} from "../base/EscrowState.sol";

/// @title TenderAdmin
/// @notice The escrow's cold side, kept out of the custody contract so that it has room to grow: the owner's
/// settings, two-step ownership, the arbitrator registry and every storage view. It runs only by `delegatecall`
/// from a {TenderEscrow}, on that escrow's storage; it holds nothing and moves no money.
contract TenderAdmin is EscrowState, ITenderAdmin, IArbitratorRegistry, IReputation {
    /// @notice The escrow's settings this module answers for, fixed with the escrow (its constructor passes them).
    /// @param warranty The warranty module, created with the escrow: calls this module does not implement go to it.
    /// @param milestones The milestones module, named at the escrow's construction: its posting functions go to it.
    /// @param signed The signed-actions module, named at the escrow's construction: its functions go to it.
    struct Deployment {
        address warranty;
        address milestones;
        address signed;
        uint32 minWindow;
        uint32 maxWindow;
        address registry;
        uint32 gracePeriod;
        uint32 responseWindow;
    }

    address private immutable _self = address(this);
    address private immutable _warranty;
    address private immutable _milestonesAt;
    address private immutable _signedAt;
    uint32 private immutable _minWindow;
    uint32 private immutable _maxWindow;
    address private immutable _registry;
    uint32 private immutable _gracePeriod;
    uint32 private immutable _responseWindow;

    /// @dev Only through an escrow's `delegatecall`, never on the module's own (unused) storage.
    modifier delegated() {
        if (address(this) == _self) revert NotDelegated();
        _;
    }

    modifier onlyOwner() {
        if (msg.sender != _owner) revert OwnableUnauthorizedAccount(msg.sender);
        _;
    }

    constructor(Deployment memory deployment) {
        _warranty = deployment.warranty;
        _milestonesAt = deployment.milestones;
        _signedAt = deployment.signed;
        _minWindow = deployment.minWindow;
        _maxWindow = deployment.maxWindow;
        _registry = deployment.registry;
        _gracePeriod = deployment.gracePeriod;
        _responseWindow = deployment.responseWindow;
    }

    /// @notice Every call this module does not implement is answered, on the escrow's storage and only through the
    /// escrow, by the milestones module for a posting in milestones ({ITenderMilestones}), by the signed-actions module
    /// for its calls ({ITenderSigned}), else by the warranty module ({ITenderWarranty}).
    fallback() external payable delegated {
        bytes4 selector = msg.sig;
        address module = _warranty;
        if (
            selector == ITenderMilestones.postDirectHireInMilestones.selector
                || selector == ITenderMilestones.postRFQInMilestones.selector
        ) {
            module = _milestonesAt;
        } else if (
            selector == ITenderSigned.postDirectHireWithPermit.selector
                || selector == ITenderSigned.postRFQWithPermit.selector
                || selector == ITenderSigned.bidBySig.selector || selector == ITenderSigned.deliverBySig.selector
                || selector == ITenderSigned.respondBySig.selector
                || selector == ITenderSigned.improveBidBySig.selector
                || selector == ITenderSigned.reclaimBondBySig.selector || selector == ITenderSigned.withdrawBySig.selector
                || selector == ITenderSigned.invalidateNonces.selector || selector == ITenderSigned.nonceBitmap.selector
                || selector == IERC5267.eip712Domain.selector || selector == ITenderSealed.commit.selector
                || selector == ITenderSealed.reveal.selector || selector == ITenderSealed.commitBySig.selector
                || selector == ITenderSealed.forfeitBond.selector
        ) {
            module = _signedAt;
        }
        _forward(module);
    }

    function _windowBounds() internal view override returns (uint256, uint256) {
        return (_minWindow, _maxWindow);
    }

    /*//////////////////////////////////////////////////////////////
                                  OWNER
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderAdmin
    /// @dev An escrow has no code while its constructor runs, and code ever after: so only its constructor can.
    function initialize(address initialOwner, address initialTreasury, uint16 initialFeeBps) external delegated {
        if (address(this).code.length != 0) revert AlreadyInitialized();
        if (initialOwner == address(0)) revert OwnableInvalidOwner(address(0));
        _checkFee(initialFeeBps);
        _checkTreasury(initialTreasury);
        _owner = initialOwner;
        _config = Config({treasury: initialTreasury, feeBps: initialFeeBps, paused: false, lastJobId: 0});
        emit OwnershipTransferred(address(0), initialOwner);
        emit ITenderEscrow.TreasurySet(initialTreasury);
        emit ITenderEscrow.ProtocolFeeSet(initialFeeBps);
    }

    /// @inheritdoc ITenderAdmin
    function setProtocolFee(uint16 feeBps) external delegated onlyOwner {
        _checkFee(feeBps);
        _config.feeBps = feeBps;
        emit ITenderEscrow.ProtocolFeeSet(feeBps);
    }

    /// @inheritdoc ITenderAdmin
    function setTreasury(address newTreasury) external delegated onlyOwner {
        _checkTreasury(newTreasury);
        _config.treasury = newTreasury;
        emit ITenderEscrow.TreasurySet(newTreasury);
    }

    /// @inheritdoc ITenderAdmin
    function setPostingPaused(bool paused) external delegated onlyOwner {
        if (_config.paused == paused) revert ITenderEscrow.PauseUnchanged(paused);
        _config.paused = paused;
        emit ITenderEscrow.PostingPausedSet(paused);
    }

    /// @inheritdoc ITenderAdmin
    function setTokenAllowed(address token, bool allowed) external delegated onlyOwner {
        // Listing needs a contract of its own: not an account without code, nor one delegating its code (EIP-7702),
        // whose code its key holder can swap at will. Delisting needs nothing: a token whose code is gone can go.
        if (allowed && !_isContract(token)) revert ITenderEscrow.TokenNotContract(token);
        if (_tokenAllowed[token] == allowed) revert TokenListingUnchanged(token, allowed);
        _tokenAllowed[token] = allowed;
        emit TokenAllowedSet(token, allowed);
    }

    /// @inheritdoc ITenderAdmin
    function transferOwnership(address newOwner) external delegated onlyOwner {
        _pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    /// @inheritdoc ITenderAdmin
    function acceptOwnership() external delegated {
        if (msg.sender != _pendingOwner) revert OwnableUnauthorizedAccount(msg.sender);
        address previous = _owner;
        _owner = msg.sender;
        delete _pendingOwner;
        emit OwnershipTransferred(previous, msg.sender);
    }

    /// @inheritdoc ITenderAdmin
    function renounceOwnership() external pure {
        revert ITenderEscrow.OwnershipCannotBeRenounced();
    }

    /*//////////////////////////////////////////////////////////////
                               ARBITRATORS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IArbitratorRegistry
    function registerArbitrator(uint16 feeBps, uint32 ruleWindow, string calldata termsURI)
        external
        delegated
        returns (uint32 termsId)
    {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[msg.sender];
        if (arbitrator_.termsId != 0) revert ArbitratorAlreadyRegistered(msg.sender);
        arbitrator_.active = true;
        termsId = _publishTerms(arbitrator_, feeBps, ruleWindow, termsURI);
    }

    /// @inheritdoc IArbitratorRegistry
    function updateArbitratorTerms(uint16 feeBps, uint32 ruleWindow, string calldata termsURI)
        external
        delegated
        returns (uint32 termsId)
    {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[msg.sender];
        if (!arbitrator_.active) revert ArbitratorNotActive(msg.sender);
        termsId = _publishTerms(arbitrator_, feeBps, ruleWindow, termsURI);
    }

    /// @inheritdoc IArbitratorRegistry
    function retireArbitrator() external delegated {
        Tender.Arbitrator storage arbitrator_ = _arbitrators[msg.sender];
        if (!arbitrator_.active) revert ArbitratorNotActive(msg.sender);
        arbitrator_.active = false;
        emit ArbitratorRetired(msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderAdmin
    function owner() external view delegated returns (address) {
        return _owner;
    }

    /// @inheritdoc ITenderAdmin
    function pendingOwner() external view delegated returns (address) {
        return _pendingOwner;
    }

    /// @inheritdoc ITenderAdmin
    function tokenAllowed(address token) external view delegated returns (bool) {
        return token == ETH || _tokenAllowed[token];
    }

    /// @inheritdoc ITenderAdmin
    function windowBounds() external view delegated returns (uint32 minWindow, uint32 maxWindow) {
        return (_minWindow, _maxWindow);
    }

    /// @inheritdoc ITenderAdmin
    function supplierRegistry() external view delegated returns (address) {
        return _registry;
    }

    /// @inheritdoc ITenderAdmin
    function cancelGracePeriod() external view delegated returns (uint32) {
        return _gracePeriod;
    }

    /// @inheritdoc ITenderAdmin
    function responseWindow() external view delegated returns (uint32) {
        return _responseWindow;
    }

    /// @inheritdoc ITenderAdmin
    function adminModule() external view delegated returns (address) {
        return _self;
    }

    /// @inheritdoc ITenderAdmin
    function warrantyModule() external view delegated returns (address) {
        return _warranty;
    }

    /// @inheritdoc ITenderAdmin
    function milestonesModule() external view delegated returns (address) {
        return _milestonesAt;
    }

    /// @inheritdoc ITenderAdmin
    function signedModule() external view delegated returns (address) {
        return _signedAt;
    }

    /// @inheritdoc ITenderAdmin
    function milestonesOf(uint256 jobId) external view delegated returns (Tender.Milestones memory) {
        return _milestones[jobId];
    }

    /// @inheritdoc ITenderAdmin
    function job(uint256 jobId) external view delegated returns (Tender.Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc ITenderAdmin
    function lastJobId() external view delegated returns (uint256) {
        return _config.lastJobId;
    }

    /// @inheritdoc ITenderAdmin
    function credit(address account, address token) external view delegated returns (uint256) {
        return _credits[account][token];
    }

    /// @inheritdoc ITenderAdmin
    function protocolFeeBps() external view delegated returns (uint16) {
        return _config.feeBps;
    }

    /// @inheritdoc ITenderAdmin
    function treasury() external view delegated returns (address) {
        return _config.treasury;
    }

    /// @inheritdoc ITenderAdmin
    function postingPaused() external view delegated returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc ITenderAdmin
    function protocolFees(address token) external view delegated returns (uint256) {
        return _protocolFees[token];
    }

    /// @inheritdoc ITenderAdmin
    function bidOf(uint256 jobId, address supplier) external view delegated returns (Tender.Bid memory) {
        return _bids[jobId][supplier];
    }

    /// @inheritdoc ITenderAdmin
    function commitmentOf(uint256 jobId, address supplier) external view delegated returns (bytes32) {
        return _commitments[jobId][supplier];
    }

    /// @inheritdoc ITenderAdmin
    function commitCount(uint256 jobId) external view delegated returns (uint256) {
        return _commits[jobId];
    }

    /// @inheritdoc ITenderAdmin
    function bestBid(uint256 jobId) external view delegated returns (address supplier, uint96 price) {
        Tender.BestBid memory best = _best[jobId];
        return (best.supplier, best.price);
    }

    /// @inheritdoc ITenderAdmin
    function rfqOf(uint256 jobId) external view delegated returns (Tender.RFQState memory) {
        return _rfqs[jobId];
    }

    /// @inheritdoc IReputation
    function supplierRecord(address supplier) external view delegated returns (Tender.SupplierRecord memory) {
        return _supplierRecords[supplier];
    }

    /// @inheritdoc IReputation
    function buyerRecord(address buyer) external view delegated returns (Tender.BuyerRecord memory) {
        return _buyerRecords[buyer];
    }

    /// @inheritdoc IReputation
    function completedVolume(address supplier, address token) external view delegated returns (uint256) {
        return _completedVolume[supplier][token];
    }

    /// @inheritdoc IArbitratorRegistry
    function arbitrator(address account) external view delegated returns (Tender.Arbitrator memory) {
        return _arbitrators[account];
    }

    /// @inheritdoc IArbitratorRegistry
    function arbitratorTerms(uint32 termsId) external view delegated returns (Tender.ArbitratorTerms memory) {
        return _terms[termsId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    function _checkFee(uint16 feeBps) private pure {
        if (feeBps > MAX_PROTOCOL_FEE_BPS) revert ITenderEscrow.ProtocolFeeTooHigh(feeBps, MAX_PROTOCOL_FEE_BPS);
    }

    /// @dev Fees sent to the escrow itself or to this module could never leave again.
    function _checkTreasury(address treasury_) private view {
        if (treasury_ == address(0) || treasury_ == address(this) || treasury_ == _self) {
            revert ITenderEscrow.InvalidTreasury(treasury_);
        }
    }

    /// @dev Code of its own: not empty, and not an EIP-7702 delegation designator (0xef0100 ‖ address).
    function _isContract(address account) private view returns (bool) {
        bytes memory code = account.code;
        if (code.length == 0) return false;
        return !(code.length == 23 && code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00);
    }

    function _publishTerms(
        Tender.Arbitrator storage arbitrator_,
        uint16 feeBps,
        uint32 ruleWindow,
        string calldata termsURI
    ) private returns (uint32 termsId) {
        if (feeBps > MAX_ARBITRATOR_FEE_BPS) revert ArbitratorFeeTooHigh(feeBps, MAX_ARBITRATOR_FEE_BPS);
        _checkWindow(ruleWindow);
        termsId = ++_lastTermsId;
        _terms[termsId] = Tender.ArbitratorTerms({arbitrator: msg.sender, feeBps: feeBps, ruleWindow: ruleWindow});
        arbitrator_.termsId = termsId;
        emit ArbitratorTermsPublished(msg.sender, termsId, feeBps, ruleWindow, termsURI);
    }
}
